package dev.loupe.store.sql;

import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Ring;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GeometryTextTest {
    @Test
    void writesACompactReadableForm() {
        Polygon p = new Polygon(List.of(new Ring(new double[] {0, 0, 10.5, 0, 10, 10}, false),
                new Ring(new double[] {1, 1, 2, 1, 2, 2}, true)));
        assertThat(GeometryText.polygon(p)).isEqualTo("{\"outer\":[[0,0,10.5,0,10,10]],\"holes\":[[1,1,2,1,2,2]]}");
    }

    @Test
    void roundTripsArbitraryDoublesExactly() {
        Random random = new Random(7);
        for (int t = 0; t < 200; t++) {
            int rings = 1 + random.nextInt(3);
            List<Ring> list = new java.util.ArrayList<>();
            for (int r = 0; r < rings; r++) {
                double[] xy = new double[2 * (3 + random.nextInt(6))];
                for (int i = 0; i < xy.length; i++) {
                    xy[i] = random.nextBoolean() ? random.nextInt(2000) : (random.nextDouble() - 0.1) * 1e4;
                }
                list.add(new Ring(xy, r > 0 && random.nextBoolean()));
            }
            Polygon p = new Polygon(list);
            Polygon back = GeometryText.parsePolygon(GeometryText.polygon(p));
            // Outer rings come first, then holes; within each group the order is kept.
            List<Ring> expected = new java.util.ArrayList<>(p.outerRings());
            expected.addAll(p.holes());
            assertThat(back.rings()).isEqualTo(expected);
        }
    }
}
