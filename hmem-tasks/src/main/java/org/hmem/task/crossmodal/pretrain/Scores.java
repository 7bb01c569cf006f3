package org.hmem.task.crossmodal.pretrain;

import java.util.Locale;

import org.hmem.engine.loss.CrossEntropy;

/**
 * Running sums of cross-entropy loss and top-1 / top-5 hits over images. A logit tied with the target's counts as
 * ranked before it when it belongs to a lower class, so top-1 agrees with {@link CrossEntropy#argmax}.
 */
public final class Scores {

    /** The k of the second accuracy the reference prints. */
    public static final int TOP_K = 5;

    private double lossSum;
    private long top1;
    private long topK;
    private long images;

    /** Adds one image: its loss and where its target ranks among its {@code classes} logits. */
    void add(double loss, float[] logits, int off, int classes, int target) {
        float t = logits[off + target];
        int rank = 0;
        for (int c = 0; c < classes; c++) {
            float l = logits[off + c];
            if (l > t || (l == t && c < target)) {
                rank++;
            }
        }
        lossSum += loss;
        top1 += rank == 0 ? 1 : 0;
        topK += rank < TOP_K ? 1 : 0;
        images++;
    }

    /** Adds everything of {@code other}. */
    void addAll(Scores other) {
        lossSum += other.lossSum;
        top1 += other.top1;
        topK += other.topK;
        images += other.images;
    }

    public long images() {
        return images;
    }

    /** Mean loss per image (NaN for none). */
    public double loss() {
        return lossSum / images;
    }

    /** Top-1 accuracy, a fraction. */
    public double top1() {
        return top1 / (double) images;
    }

    /** Top-5 accuracy, a fraction. */
    public double top5() {
        return topK / (double) images;
    }

    /** {@code Loss 0.1234  Acc@1 98.76  Acc@5 99.99} (accuracies in percent, as the reference prints them). */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Loss %.4f  Acc@1 %.2f  Acc@5 %.2f", loss(), 100 * top1(), 100 * top5());
    }
}
