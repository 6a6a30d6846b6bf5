package dev.loupe.eval.voc;

/** Reads AP off a precision-recall curve, VOC2007 11-point or VOC2010+ all-point. */
final class VocAp {
    private VocAp() {
    }

    /**
     * AP of the curve given by recall (non-decreasing) and precision after each ranked detection.
     * An empty curve (no detections) has AP 0.
     */
    static double compute(double[] recall, double[] precision, VocApMethod method) {
        return method == VocApMethod.ELEVEN_POINT ? elevenPoint(recall, precision) : allPoint(recall, precision);
    }

    /** Mean over t = 0, 0.1, ..., 1 (t = i / 10) of max precision at recall &gt;= t, 0 if none. */
    static double elevenPoint(double[] recall, double[] precision) {
        double sum = 0;
        for (int i = 0; i <= 10; i++) {
            double t = i / 10.0;
            double p = 0;
            for (int k = 0; k < recall.length; k++) {
                if (recall[k] >= t) {
                    p = Math.max(p, precision[k]);
                }
            }
            sum += p;
        }
        return sum / 11;
    }

    /**
     * Area under the envelope: with mrec = [0, recall, 1] and mpre = [0, precision, 0], precision
     * is made non-increasing from the right, and AP sums (mrec[i+1] - mrec[i]) * mpre[i+1] over
     * the points where recall changes (devkit {@code VOCap}).
     */
    static double allPoint(double[] recall, double[] precision) {
        int n = recall.length;
        double[] mrec = new double[n + 2];
        double[] mpre = new double[n + 2];
        mrec[n + 1] = 1;
        System.arraycopy(recall, 0, mrec, 1, n);
        System.arraycopy(precision, 0, mpre, 1, n);
        for (int i = n; i >= 0; i--) {
            mpre[i] = Math.max(mpre[i], mpre[i + 1]);
        }
        double ap = 0;
        for (int i = 0; i <= n; i++) {
            if (mrec[i + 1] != mrec[i]) {
                ap += (mrec[i + 1] - mrec[i]) * mpre[i + 1];
            }
        }
        return ap;
    }
}
