package org.hmem.engine.loss;

/** Softmax cross-entropy of one sample's logits against an integer class (PyTorch {@code cross_entropy}). */
public final class CrossEntropy {

    private CrossEntropy() {
    }

    /**
     * Returns {@code -log softmax(logits)[target]} and, if {@code grad != null}, writes
     * {@code scale * (softmax - onehot)} into {@code grad[gOff..gOff+c)}.
     */
    public static double lossAndGradient(float[] logits, int off, int c, int target, float scale,
                                         float[] grad, int gOff) {
        if (target < 0 || target >= c) {
            throw new IllegalArgumentException("target class " + target + " outside 0.." + (c - 1));
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < c; i++) {
            max = Math.max(max, logits[off + i]);
        }
        double sum = 0;
        for (int i = 0; i < c; i++) {
            sum += Math.exp(logits[off + i] - max);
        }
        double logSum = Math.log(sum);
        if (grad != null) {
            for (int i = 0; i < c; i++) {
                double p = Math.exp(logits[off + i] - max - logSum);
                grad[gOff + i] = (float) (scale * (p - (i == target ? 1.0 : 0.0)));
            }
        }
        return logSum - (logits[off + target] - max);
    }

    /** Index of the largest logit (first one on ties, as torch.topk on CPU in practice). */
    public static int argmax(float[] logits, int off, int c) {
        int best = 0;
        for (int i = 1; i < c; i++) {
            if (logits[off + i] > logits[off + best]) {
                best = i;
            }
        }
        return best;
    }
}
