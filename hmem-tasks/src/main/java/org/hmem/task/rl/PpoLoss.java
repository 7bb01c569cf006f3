package org.hmem.task.rl;

/**
 * The PPO loss of one minibatch (spec §9.5), row by row: {@code loss = c_v * value_loss + policy_loss - c_e * entropy}
 * with the clipped surrogate {@code policy_loss = -mean(min(r A, clamp(r, 1-eps, 1+eps) A))}, the clipped value loss
 * {@code 0.5 mean(max((v - R)^2, (v_old + clamp(v - v_old, -eps, eps) - R)^2))} and the mean entropy. Every term is a
 * mean over the minibatch's rows, so each row's gradient needs only its own values and the row count; gradients
 * follow PyTorch's: a clamp passes gradient inside its closed range, a min or max of two equal values splits it in
 * halves.
 *
 * @param clip the clip parameter eps (policy ratio and value change)
 */
public record PpoLoss(double clip, double valueCoefficient, double entropyCoefficient) {

    /** Sums of the loss terms over rows (each already divided by the row count). */
    public static final class Terms {
        public double valueLoss;
        public double policyLoss;
        public double entropy;

        public void add(Terms o) {
            valueLoss += o.valueLoss;
            policyLoss += o.policyLoss;
            entropy += o.entropy;
        }

        public void clear() {
            valueLoss = 0;
            policyLoss = 0;
            entropy = 0;
        }
    }

    /**
     * One row: adds its share of the loss terms to {@code terms} and writes {@code dL/dlogits} and {@code dL/dvalue}.
     *
     * @param logProbs scratch of {@code n} floats. Modified.
     * @param rows the minibatch's row count (the means' denominator)
     */
    public void row(float[] logits, int lOff, int n, int action, float value, float oldLogProb, float oldValue,
                    float ret, float advantage, int rows, float[] logProbs, Terms terms, float[] gLogits, int glOff,
                    float[] gValue, int gvOff) {
        Categorical.logSoftmax(logits, lOff, n, logProbs, 0);
        double inv = 1.0 / rows;
        // policy
        float ratio = (float) Math.exp(logProbs[action] - oldLogProb);
        float lo = (float) (1 - clip), hi = (float) (1 + clip);
        float clipped = Math.min(Math.max(ratio, lo), hi);
        float surr1 = ratio * advantage, surr2 = clipped * advantage;
        terms.policyLoss -= Math.min(surr1, surr2) * inv;
        boolean inRange = ratio >= lo && ratio <= hi;
        double viaUnclipped = surr1 < surr2 ? 1 : surr1 == surr2 ? 0.5 : 0;
        double viaClipped = (1 - viaUnclipped) * (inRange ? 1 : 0);
        double gLogProb = -advantage * (viaUnclipped + viaClipped) * ratio * inv;
        // entropy
        double h = Categorical.entropy(logProbs, 0, n);
        terms.entropy += h * inv;
        for (int j = 0; j < n; j++) {
            double lp = logProbs[j], p = Math.exp(lp);
            double g = gLogProb * ((j == action ? 1 : 0) - p) + entropyCoefficient * inv * p * (lp + h);
            gLogits[glOff + j] = (float) g;
        }
        // value
        float change = value - oldValue;
        float clippedChange = Math.min(Math.max(change, (float) -clip), (float) clip);
        float valueClipped = oldValue + clippedChange;
        float e1 = (value - ret) * (value - ret), e2 = (valueClipped - ret) * (valueClipped - ret);
        terms.valueLoss += 0.5 * Math.max(e1, e2) * inv;
        double wPlain = e1 > e2 ? 1 : e1 == e2 ? 0.5 : 0;
        boolean changeInRange = change >= -clip && change <= clip;
        double gv = wPlain * (value - ret) + (1 - wPlain) * (changeInRange ? valueClipped - ret : 0);
        gValue[gvOff] = (float) (valueCoefficient * gv * inv);
    }

    /** The total {@code c_v * value_loss + policy_loss - c_e * entropy} of summed terms. */
    public double total(Terms t) {
        return valueCoefficient * t.valueLoss + t.policyLoss - entropyCoefficient * t.entropy;
    }
}
