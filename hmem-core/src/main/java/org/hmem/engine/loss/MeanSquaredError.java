package org.hmem.engine.loss;

/** Mean squared error over all elements (PyTorch {@code mse_loss}, reduction mean). */
public final class MeanSquaredError {

    private MeanSquaredError() {
    }

    /**
     * Returns {@code sum (y - target)^2 / count} over the n elements given here; {@code count} is the total number of
     * elements the mean runs over (e.g. the whole batch). Writes {@code dL/dy} into {@code grad} when non-null.
     */
    public static double lossAndGradient(float[] y, int yOff, float[] target, int tOff, int n, long count,
                                         float[] grad, int gOff) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) y[yOff + i] - target[tOff + i];
            sum += d * d;
            if (grad != null) {
                grad[gOff + i] = (float) (2.0 * d / count);
            }
        }
        return sum / count;
    }
}
