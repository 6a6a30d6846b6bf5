package dev.loupe.embed.space;

import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;
import dev.loupe.knn.Vectors;

/**
 * Projection onto the first two principal components, for the 2-D map: the rows are centred, the
 * two leading eigenvectors of their covariance are found by orthogonal (subspace) iteration on
 * X^T X without forming it (2·n·d work per step), and each row's coordinates are its centred
 * dot products with them. Signs are fixed so that each component's largest-magnitude entry is
 * positive, which makes the map reproducible.
 */
public final class Pca {
    /** The image map's coordinates, stored as metrics so that the Explorer's scatter is the map and can filter by it. */
    public static final MetricDescriptor IMAGE_X = coordinate(true, 1);
    public static final MetricDescriptor IMAGE_Y = coordinate(true, 2);
    /** The object map's coordinates. */
    public static final MetricDescriptor OBJECT_X = coordinate(false, 1);
    public static final MetricDescriptor OBJECT_Y = coordinate(false, 2);
    private static final int MAX_ITERATIONS = 500;
    private static final double TOLERANCE = 1e-10;

    /**
     * @param x          first coordinate per row
     * @param y          second coordinate per row
     * @param components the two unit eigenvectors
     * @param variance   the variance along each (eigenvalue / n)
     */
    public record Projection(double[] x, double[] y, double[][] components, double[] variance) {
    }

    private Pca() {
    }

    private static MetricDescriptor coordinate(boolean image, int component) {
        String axis = component == 1 ? "x" : "y";
        String what = image ? "image" : "object crop";
        String id = (image ? "image" : "annotation") + ".embedding_map_" + axis;
        String title = "Embedding map " + axis;
        String description = "Coordinate of this " + what + "'s embedding along principal component " + component
                + " of all " + what + " embeddings (the 2-D map; nearby points look alike to the model).";
        return image ? MetricDescriptor.image(id, title, description, ValueKind.COORDINATE, Direction.NONE).withoutOutliers()
                : MetricDescriptor.annotation(id, title, description, ValueKind.COORDINATE, MetricDescriptor.ALL_SHAPES, Direction.NONE)
                        .withoutOutliers();
    }

    public static Projection project(Vectors v) {
        int n = v.size();
        int d = v.dimension();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            float[] r = v.row(i);
            for (int k = 0; k < d; k++) {
                mean[k] += r[k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= Math.max(1, n);
        }
        // Rows are centred one at a time into this buffer: memory stays O(d) however many rows there are.
        double[] row = new double[d];
        double[][] q = new double[2][d];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (double[] c : q) {
            for (int k = 0; k < d; k++) {
                c[k] = random.nextDouble() - 0.5;
            }
        }
        orthonormalise(q);
        double[] lambda = new double[2];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[][] z = new double[2][d];
            for (int i = 0; i < n; i++) {
                centre(v.row(i), mean, row);
                for (int c = 0; c < 2; c++) {
                    double s = dot(row, q[c]);
                    if (s != 0) {
                        for (int k = 0; k < d; k++) {
                            z[c][k] += s * row[k];
                        }
                    }
                }
            }
            double change = 0;
            for (int c = 0; c < 2; c++) {
                lambda[c] = dot(z[c], q[c]);
            }
            orthonormalise(z);
            for (int c = 0; c < 2; c++) {
                change = Math.max(change, 1 - Math.abs(dot(z[c], q[c])));
            }
            q = z;
            if (change < TOLERANCE) {
                break;
            }
        }
        for (double[] c : q) {
            int big = 0;
            for (int k = 1; k < d; k++) {
                if (Math.abs(c[k]) > Math.abs(c[big])) {
                    big = k;
                }
            }
            if (c[big] < 0) {
                for (int k = 0; k < d; k++) {
                    c[k] = -c[k];
                }
            }
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            centre(v.row(i), mean, row);
            x[i] = dot(row, q[0]);
            y[i] = dot(row, q[1]);
        }
        return new Projection(x, y, q, new double[] {lambda[0] / Math.max(1, n), lambda[1] / Math.max(1, n)});
    }

    private static void centre(float[] r, double[] mean, double[] out) {
        for (int k = 0; k < out.length; k++) {
            out[k] = r[k] - mean[k];
        }
    }

    private static void orthonormalise(double[][] q) {
        for (int c = 0; c < q.length; c++) {
            for (int p = 0; p < c; p++) {
                double s = dot(q[c], q[p]);
                for (int k = 0; k < q[c].length; k++) {
                    q[c][k] -= s * q[p][k];
                }
            }
            double norm = Math.sqrt(dot(q[c], q[c]));
            if (norm == 0) {
                // Degenerate data (rank < 2): any unit vector orthogonal to the others will do.
                java.util.Arrays.fill(q[c], 0);
                q[c][c % q[c].length] = 1;
                continue;
            }
            for (int k = 0; k < q[c].length; k++) {
                q[c][k] /= norm;
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
