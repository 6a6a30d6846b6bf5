package dev.loupe.embed.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.core.embed.VectorSet;
import dev.loupe.core.similarity.DuplicateThreshold;
import dev.loupe.knn.ExactIndex;
import dev.loupe.knn.Vectors;
import org.junit.jupiter.api.Test;

class EmbeddingSpaceTest {
    static float[] angle(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(r), (float) Math.sin(r)};
    }

    @Test
    void uniquenessAndClustersByHand() {
        // Unit vectors at 0°, 10°, 90°, 91°, 180°: cosine distance 1 - cos(Δ).
        Vectors v = Vectors.normalised(new float[][] {angle(0), angle(10), angle(90), angle(91), angle(180)});
        NeighbourLists nn = NeighbourLists.of(new ExactIndex(v), 3, null);
        double[] u = Uniqueness.of(nn);
        assertThat(u[0]).isCloseTo(1 - Math.cos(Math.toRadians(10)), within(1e-6)); // 0.01519
        assertThat(u[2]).isCloseTo(1 - Math.cos(Math.toRadians(1)), within(1e-6));  // 0.00015
        assertThat(u[4]).isCloseTo(1 - Math.cos(Math.toRadians(89)), within(1e-6)); // nearest is 91°
        // threshold 0.03: 0°-10° (0.0152) and 90°-91° link; 10°-90° (0.826) does not
        NearDuplicateClusters.Clusters c = NearDuplicateClusters.of(nn, new DuplicateThreshold(0.03, 0.1, 0.1, 1e-3));
        assertThat(c.root()).containsExactly(0, 0, 2, 2, 4);
        assertThat(c.size()).containsExactly(2, 2, 2, 2, 1);
    }

    @Test
    void annotationQualityIsSimilarityWeightedAgreementByHand() {
        // Object 0 (class 1, image 10); neighbours in other images: 1 (class 1, 20°), 2 (class 2, 40°),
        // 3 (class 2, 60°), 4 (class 1, 150°: negative similarity, weight 0), 5 (same image: excluded).
        float[][] raw = {angle(0), angle(20), angle(40), angle(60), angle(150), angle(1)};
        VectorSet objects = new VectorSet(new long[] {100, 101, 102, 103, 104, 105}, new long[] {10, 11, 12, 13, 14, 10},
                new int[] {1, 1, 2, 2, 1, 2}, raw);
        NeighbourLists nn = NeighbourLists.of(new ExactIndex(Vectors.normalised(raw)), 10, AnnotationQuality.exclusion(objects));
        AnnotationQuality.Scores s = AnnotationQuality.of(objects, nn, new ExactIndex(Vectors.normalised(raw)));
        double c20 = Math.cos(Math.toRadians(20));
        double c40 = Math.cos(Math.toRadians(40));
        double c60 = Math.cos(Math.toRadians(60));
        assertThat(s.quality()[0]).isCloseTo(c20 / (c20 + c40 + c60), within(1e-6)); // 0.4050
        assertThat(s.suggested()[0]).isEqualTo(2); // class 2 weighs c40 + c60 = 1.266 > c20 = 0.940
        assertThat(nn.lists()[0].rows()).doesNotContain(5);
    }

    /**
     * Ties at quality 0 are ranked by the margin: the similarity of the nearest same-class object
     * minus that of the nearest other-class one. 12 dogs (class 2) at 80°, 82°, ..., 102°; cats
     * (class 1) at 0°, 10°, 30°; three objects labelled cat in one image (not each other's
     * neighbours) among the dogs: X at 90°, Y at 70°, Z at 100°. Each has 10 dogs as its K = 10
     * nearest, so all three score 0; their nearest cat elsewhere is the one at 30°.
     */
    @Test
    void tiesAtZeroAreRankedByTheMarginByHand() {
        int dogs = 12;
        float[][] raw = new float[dogs + 6][];
        long[] ids = new long[raw.length];
        long[] images = new long[raw.length];
        int[] classes = new int[raw.length];
        double[] catAngles = {0, 10, 30};
        double[] wrongAngles = {90, 70, 100}; // X, Y, Z: ids 1, 2, 3
        for (int i = 0; i < raw.length; i++) {
            boolean dog = i < dogs;
            boolean cat = !dog && i < dogs + 3;
            double degrees = dog ? 80 + 2 * i : cat ? catAngles[i - dogs] : wrongAngles[i - dogs - 3];
            raw[i] = angle(degrees);
            ids[i] = dog || cat ? 100 + i : i - dogs - 2;
            images[i] = dog || cat ? 1000 + i : 99;
            classes[i] = dog ? 2 : 1;
        }
        VectorSet objects = new VectorSet(ids, images, classes, raw);
        ExactIndex index = new ExactIndex(Vectors.normalised(raw));
        AnnotationQuality.Scores s = AnnotationQuality.of(objects,
                NeighbourLists.of(index, AnnotationQuality.K, AnnotationQuality.exclusion(objects)), index);

        int x = dogs + 3;
        int y = dogs + 4;
        int z = dogs + 5;
        assertThat(new double[] {s.quality()[x], s.quality()[y], s.quality()[z]}).containsExactly(0, 0, 0);
        double marginX = Math.cos(Math.toRadians(60)) - 1;                            // cat 30°, dog 90°: -0.500
        double marginY = Math.cos(Math.toRadians(40)) - Math.cos(Math.toRadians(10)); // cat 30°, dog 80°: -0.219
        double marginZ = Math.cos(Math.toRadians(70)) - 1;                            // cat 30°, dog 100°: -0.658
        assertThat(s.margin()[x]).isCloseTo(marginX, within(1e-6));
        assertThat(s.margin()[y]).isCloseTo(marginY, within(1e-6));
        assertThat(s.margin()[z]).isCloseTo(marginZ, within(1e-6));
        // Lowest first: Z (its own class farthest behind), X, Y; by id it was X, Y, Z.
        assertThat(s.lowestFirst().subList(0, 3)).containsExactly(z, x, y);
    }

    @Test
    void pcaOfPointsInAPlaneByHand() {
        // Unit rows (1, t, 0)/√(1+t²), t = 0, ±0.5, ±0.25: mean (m, 0, 0); the spread is along y only
        // (x varies too, but far less: its variance is 30x smaller), nothing along z.
        Vectors v = Vectors.normalised(new float[][] {{1, 0, 0}, {1, 0.5f, 0}, {1, -0.5f, 0}, {1, 0.25f, 0}, {1, -0.25f, 0}});
        Pca.Projection p = Pca.project(v);
        assertThat(p.components()[0][2]).isCloseTo(0, within(1e-9));
        assertThat(p.components()[1][2]).isCloseTo(0, within(1e-9));
        // First component = +y (sign rule: largest entry positive); coordinate of row 1 = 0.5/√1.25 (mean y is 0).
        assertThat(p.components()[0][1]).isCloseTo(1, within(1e-6));
        assertThat(p.x()[1]).isCloseTo(0.5 / Math.sqrt(1.25), within(1e-6));
        assertThat(p.x()[2]).isCloseTo(-0.5 / Math.sqrt(1.25), within(1e-6));
        // Variance along y: mean of squares of 0, ±0.4472, ±0.2425 = (2·0.2 + 2·0.05882)/5 = 0.10353.
        assertThat(p.variance()[0]).isCloseTo((2 * 0.25 / 1.25 + 2 * 0.0625 / 1.0625) / 5, within(1e-6));
        // Second component = x: its coordinates are the centred x values 1/√(1+t²) - mean.
        double mean = (1 + 2 / Math.sqrt(1.25) + 2 / Math.sqrt(1.0625)) / 5;
        assertThat(Math.abs(p.y()[0])).isCloseTo(1 - mean, within(1e-6));
    }

    @Test
    void fingerprintChangesWithAnyVectorValueLabelItemOrModelAndOnlyThen() {
        float[][] v = {{1, 0, 2}, {0.5f, 0.5f, 0}, {3, 1, 1}};
        VectorSet images = new VectorSet(new long[] {1, 2, 3}, new long[] {1, 2, 3}, new int[] {-1, -1, -1}, v);
        VectorSet objects = new VectorSet(new long[] {10, 11}, new long[] {1, 2}, new int[] {4, 5}, new float[][] {v[0], v[1]});
        String base = EmbeddingSpace.fingerprint("m", images, objects);
        assertThat(base).hasSize(64).isEqualTo(EmbeddingSpace.fingerprint("m", images,
                new VectorSet(new long[] {10, 11}, new long[] {1, 2}, new int[] {4, 5}, new float[][] {v[0].clone(), v[1].clone()})));
        assertThat(EmbeddingSpace.fingerprint("other", images, objects)).isNotEqualTo(base);
        float[][] nudged = {v[0], v[1], {3, 1, Math.nextUp(1f)}};
        assertThat(EmbeddingSpace.fingerprint("m", new VectorSet(images.ids(), images.imageIds(), images.classIds(), nudged), objects))
                .isNotEqualTo(base);
        assertThat(EmbeddingSpace.fingerprint("m", images, new VectorSet(objects.ids(), objects.imageIds(), new int[] {4, 4},
                objects.vectors()))).as("a relabelled object").isNotEqualTo(base);
        assertThat(EmbeddingSpace.fingerprint("m", images, new VectorSet(new long[] {10, 12}, objects.imageIds(), objects.classIds(),
                objects.vectors()))).as("another object id").isNotEqualTo(base);
        // The same vectors moved from the object set to the image set are another space.
        assertThat(EmbeddingSpace.fingerprint("m", new VectorSet(new long[0], new long[0], new int[0], new float[0][]), images))
                .isNotEqualTo(EmbeddingSpace.fingerprint("m", images, new VectorSet(new long[0], new long[0], new int[0], new float[0][])));
    }
}
