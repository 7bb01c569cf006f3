package org.hmem.task.train;

/**
 * A number a task reports per sample and averages over a split (top-1 accuracy, or the loss itself), with the
 * direction in which it improves.
 *
 * @param tag the scalar tag's first part in logs ({@code Acc/val})
 * @param label how progress lines name it
 * @param unit printed after the value ("%" for accuracy)
 * @param evaluationOnly whether the metric is measured only on validation and test (a costly one, e.g. classifying
 *     every reconstruction); training passes then leave it out of progress lines and logs
 */
public record Metric(String tag, String label, String unit, boolean higherIsBetter, boolean evaluationOnly) {

    /** A metric measured on training batches too. */
    public Metric(String tag, String label, String unit, boolean higherIsBetter) {
        this(tag, label, unit, higherIsBetter, false);
    }

    /** The loss, lower is better. */
    public static final Metric LOSS = new Metric("Loss", "loss", "", false);
    /** Top-1 accuracy in percent (spec §2.5), higher is better. */
    public static final Metric ACCURACY = new Metric("Acc", "acc", "%", true);

    /** True when {@code value} is better than {@code best}. */
    public boolean improves(double value, double best) {
        return higherIsBetter ? value > best : value < best;
    }

    /** The starting point of a best-so-far: every value improves on it. */
    public double worst() {
        return higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
}
