package dev.loupe.eval.performance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Inputs for the analysis algorithms: per-item metrics, outcome and class.
 *
 * @param metrics  metric name to one value per item (NaN = missing)
 * @param outcome  per item, true = success
 * @param classIds per item class id (may be null)
 */
public record PerformanceWorkload(Map<String, double[]> metrics, boolean[] outcome, int[] classIds) {
    public PerformanceWorkload {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * A seeded synthetic workload: metrics m0, m1, ... uniform in [0, 1) (m2 has 5% missing values,
     * m3 takes only 20 distinct values), classes 0..classes-1 uniform, and success with probability
     * 0.9, except in the planted slice "m0 &lt; 0.2 and m1 &gt;= 0.8" (0.1) and in class 0 when
     * m3 &gt;= 0.9 (0.3).
     *
     * @param items   number of items, &gt;= 1
     * @param metrics number of metrics, &gt;= 4
     * @param classes number of classes, &gt;= 1
     * @param seed    random seed
     */
    public static PerformanceWorkload synthetic(int items, int metrics, int classes, long seed) {
        if (items < 1 || metrics < 4 || classes < 1) {
            throw new IllegalArgumentException("need >= 1 item, >= 4 metrics, >= 1 class; got " + items + ", "
                    + metrics + ", " + classes);
        }
        Random rnd = new Random(seed);
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int f = 0; f < metrics; f++) {
            double[] v = new double[items];
            for (int i = 0; i < items; i++) {
                v[i] = rnd.nextDouble();
                if (f == 2 && rnd.nextDouble() < .05) {
                    v[i] = Double.NaN;
                } else if (f == 3) {
                    v[i] = Math.floor(v[i] * 20) / 20;
                }
            }
            m.put("m" + f, v);
        }
        int[] cls = new int[items];
        boolean[] ok = new boolean[items];
        double[] a = m.get("m0");
        double[] b = m.get("m1");
        double[] c = m.get("m3");
        for (int i = 0; i < items; i++) {
            cls[i] = rnd.nextInt(classes);
            double p = .9;
            if (a[i] < .2 && b[i] >= .8) {
                p = .1;
            } else if (cls[i] == 0 && c[i] >= .9) {
                p = .3;
            }
            ok[i] = rnd.nextDouble() < p;
        }
        return new PerformanceWorkload(m, ok, cls);
    }
}
