package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageHashMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MD5 of the decoded pixels (width × height × 3 bytes, RGB interleaved, row-major) as 32 lower-case hex
 * digits: equal for exact pixel duplicates whatever the file format or metadata.
 */
public final class Md5Pixels implements ImageHashMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.md5_pixels", "Pixel MD5",
            "MD5 of the decoded 8-bit RGB bytes, lower-case hex: equal for exact pixel duplicates.",
            ValueKind.HASH, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public String compute(ImageContext image) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(image.pixels().rgb()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
