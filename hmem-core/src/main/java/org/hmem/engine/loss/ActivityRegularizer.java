package org.hmem.engine.loss;

/**
 * Firing-rate regulariser of one spike tensor (spec §7.3): {@code rate[b,n] = sum_t x[b,t,n] / w_b},
 * {@code rbar[n] = mean_b rate[b,n]}, {@code L = mean_n (rbar[n] - target)^2}.
 *
 * <p>Its gradient with respect to every spike of sample b and neuron n is the same at every time step,
 * {@code coef[n] / w_b} with {@code coef[n] = 2 (rbar[n] - target) / (N B)}; callers add it to the spike gradients.
 */
public final class ActivityRegularizer {

    private ActivityRegularizer() {
    }

    /**
     * @param counts spike counts {@code [b * n + i]} summed over time. Not modified.
     * @param weights normaliser per sample (e.g. {@code 1e-3 * steps}). Not modified.
     * @param meanRate receives {@code rbar} (n entries). Modified.
     * @return the loss
     */
    public static double loss(float[] counts, double[] weights, int batch, int n, double target, double[] meanRate) {
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int b = 0; b < batch; b++) {
                s += counts[b * n + i] / weights[b];
            }
            double r = s / batch;
            meanRate[i] = r;
            double d = r - target;
            loss += d * d;
        }
        return loss / n;
    }

    /** {@code coef[i] = scale * 2 (rbar[i] - target) / (n * batch)}; the spike gradient of sample b is coef / w_b. */
    public static void coefficients(double[] meanRate, int batch, int n, double target, double scale, double[] coef) {
        for (int i = 0; i < n; i++) {
            coef[i] = scale * 2.0 * (meanRate[i] - target) / ((double) n * batch);
        }
    }
}
