package dev.loupe.cli;

import dev.loupe.core.image.ImageDecoder;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The decode limit shared by {@code analyze} and {@code embed}. */
final class ImageLimitOptions {
    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "" + ImageDecoder.DEFAULT_MAX_PIXELS,
            description = {"images whose header declares more pixels are not decoded (a decompression bomb would exhaust",
                "memory); each is recorded as a failure of that image and the run goes on (default: ${DEFAULT-VALUE},",
                "Pillow's MAX_IMAGE_PIXELS)"})
    long maxPixels;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    /** The limit, checked. */
    long maxPixels() {
        if (maxPixels < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-pixels must be a positive number of pixels, got "
                    + maxPixels);
        }
        return maxPixels;
    }
}
