package dev.loupe.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class IouPropertyTest {

    @Provide
    Arbitrary<Box> boxes() {
        Arbitrary<Double> pos = Arbitraries.doubles().between(-50, 50).ofScale(3);
        Arbitrary<Double> size = Arbitraries.doubles().between(0, 60).ofScale(3);
        return Combinators.combine(pos, pos, size, size).as(Box::new);
    }

    @Property
    void boxIouIsSymmetricAndWithinZeroAndOne(@ForAll("boxes") Box a, @ForAll("boxes") Box b) {
        double ab = Iou.box(a, b, false);
        assertThat(ab).isEqualTo(Iou.box(b, a, false));
        assertThat(ab).isBetween(0.0, 1.0 + 1e-9);
    }

    @Property
    void crowdBoxIouIsAtLeastTheNonCrowdOne(@ForAll("boxes") Box dt, @ForAll("boxes") Box gt) {
        // When gt lies inside dt both denominators are equal in exact arithmetic; in doubles the
        // union (da + ga - i) may round a last bit below da, hence the 1e-12 slack.
        assertThat(Iou.box(dt, gt, true)).isGreaterThanOrEqualTo(Iou.box(dt, gt, false) - 1e-12);
    }

    @Property
    void boxIouWithItselfIsOne(@ForAll("boxes") Box a) {
        if (a.isDegenerate()) {
            assertThat(Iou.box(a, a, false)).isZero();
        } else {
            // (x + w) - x need not equal w in floating point, so self-IoU is 1 only up to rounding
            assertThat(Iou.box(a, a, false)).isCloseTo(1.0, within(1e-9));
        }
    }

    @Property
    void maskIouMatchesPixelCountsAndIsSymmetric(@ForAll @IntRange(min = 1, max = 40) int h,
            @ForAll @IntRange(min = 1, max = 40) int w, @ForAll long seed) {
        Random rnd = new Random(seed);
        byte[] a = RandomMasks.mask(rnd, h, w);
        byte[] b = RandomMasks.mask(rnd, h, w);
        Rle ra = RleCodec.encode(a, h, w);
        Rle rb = RleCodec.encode(b, h, w);
        long i = PixelOracle.intersection(a, b);
        long u = PixelOracle.count(a) + PixelOracle.count(b) - i;
        double iou = Iou.mask(ra, rb, false);
        assertThat(iou).isEqualTo(i == 0 ? 0.0 : (double) i / u);
        assertThat(iou).isEqualTo(Iou.mask(rb, ra, false)).isBetween(0.0, 1.0);
        assertThat(Iou.mask(ra, rb, true)).isEqualTo(i == 0 ? 0.0 : (double) i / PixelOracle.count(a));
    }

    @Property
    void maskIouWithItselfIsOneUnlessEmpty(@ForAll @IntRange(min = 1, max = 40) int h,
            @ForAll @IntRange(min = 1, max = 40) int w, @ForAll long seed) {
        Rle r = RleCodec.encode(RandomMasks.mask(new Random(seed), h, w), h, w);
        assertThat(Iou.mask(r, r, false)).isEqualTo(Masks.area(r) > 0 ? 1.0 : 0.0);
    }
}
