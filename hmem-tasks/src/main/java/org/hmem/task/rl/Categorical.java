package org.hmem.task.rl;

import java.util.SplittableRandom;

import org.hmem.engine.loss.CrossEntropy;

/**
 * The categorical action distribution over logits (spec §3.8): log-softmax, sampling, the mode and the entropy of one
 * row. Log-probabilities are computed as the logits minus their log-sum-exp (max-shifted), as PyTorch does.
 */
public final class Categorical {

    private Categorical() {
    }

    /** {@code out[j] = log softmax(logits)[j]} for one row of {@code n}. */
    public static void logSoftmax(float[] logits, int off, int n, float[] out, int outOff) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, logits[off + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(logits[off + j] - max);
        }
        float lse = max + (float) Math.log(sum);
        for (int j = 0; j < n; j++) {
            out[outOff + j] = logits[off + j] - lse;
        }
    }

    /** An action drawn with probabilities {@code exp(logProbs)}. */
    public static int sample(float[] logProbs, int off, int n, SplittableRandom rng) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int j = 0; j < n - 1; j++) {
            acc += Math.exp(logProbs[off + j]);
            if (u < acc) {
                return j;
            }
        }
        return n - 1;
    }

    /** The most probable action (the first of equals, as {@code argmax}). */
    public static int mode(float[] logits, int off, int n) {
        return CrossEntropy.argmax(logits, off, n);
    }

    /** {@code -sum p log p} of one row of log-probabilities. */
    public static double entropy(float[] logProbs, int off, int n) {
        double h = 0;
        for (int j = 0; j < n; j++) {
            double lp = logProbs[off + j];
            h -= Math.exp(lp) * lp;
        }
        return h;
    }
}
