package org.hmem.engine.loss;

import java.util.Arrays;

/**
 * The prototypical loss of ProtoNet pretraining (spec §2.4) on a batch of embeddings, with its gradient.
 *
 * <p>Classes are the sorted distinct targets. Each class's prototype is the mean of the embeddings at its first
 * {@code numSupport} batch positions; its remaining positions are its queries (class-major, in sorted class order).
 * With {@code D[q,k]} the squared Euclidean distance of query q to prototype k, {@code log p = log_softmax(-D)} over
 * the prototypes and the loss is the mean of {@code -log p[q, class(q)]}. The gradient flows into the queries and,
 * through the prototypes, into the supports.
 *
 * <p><b>Accuracy.</b> {@link Result#accuracy()} is the intended per-query accuracy: the fraction of queries whose
 * nearest prototype (largest {@code log p}, the first one on ties) is their own class. The reference computes
 * something else when there is one query per class: its {@code squeeze()} also drops the query axis, the comparison
 * broadcasts to a C × C matrix with one match per row, and its accuracy is always 1/C whatever the predictions (spec
 * §13; golden file {@code prototypical_loss_3way_1shot_1query}). hmem reports the intended value; what the reference
 * would have printed is kept in {@link Result#referenceAccuracy()} for comparisons with its logs. The loss is not
 * affected by the bug.
 *
 * <p>Unlike the reference, which assumes it, every class must have the same number of positions (more than
 * {@code numSupport}); otherwise the query set is not a C × n_query block and an exception is thrown. Sums run in
 * double; a batch is a few hundred embeddings, so the per-call scratch arrays cost nothing next to the encoder.
 */
public final class PrototypicalLoss {

    private PrototypicalLoss() {
    }

    /**
     * The outcome of one batch.
     *
     * @param loss              mean negative log-probability of the true class over all queries
     * @param accuracy          fraction of queries whose nearest prototype is their class (the intended accuracy)
     * @param referenceAccuracy the accuracy the reference reports: 1/C (as float32) with one query per class and
     *                          more than one class, else {@code accuracy} (as float32)
     * @param classes           the sorted distinct targets
     * @param queriesPerClass   positions per class minus {@code numSupport}
     */
    public record Result(double loss, double accuracy, double referenceAccuracy, int[] classes, int queriesPerClass) {
        public Result {
            classes = classes.clone();
        }

        @Override
        public int[] classes() {
            return classes.clone();
        }

        public int numClasses() {
            return classes.length;
        }
    }

    /**
     * Loss and accuracy of the (n, d) row-major {@code embeddings}, n = {@code targets.length}; if {@code grad} is
     * not null, writes {@code dLoss/dEmbeddings} (n, d) into it (overwriting).
     */
    public static Result lossAndGradient(float[] embeddings, int d, int[] targets, int numSupport, float[] grad) {
        int n = targets.length;
        if (d < 1 || embeddings.length < (long) n * d) {
            throw new IllegalArgumentException("need " + n + " x " + d + " embeddings, got " + embeddings.length
                    + " values");
        }
        if (grad != null && grad.length < n * d) {
            throw new IllegalArgumentException("gradient buffer holds " + grad.length + " values, need " + n * d);
        }
        if (numSupport < 1) {
            throw new IllegalArgumentException("numSupport must be at least 1, got " + numSupport);
        }
        int[] classes = Arrays.stream(targets).distinct().sorted().toArray();
        int c = classes.length;
        if (c == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        int perClass = n / c;
        int nQuery = perClass - numSupport;
        int[] classOf = new int[n];
        int[] count = new int[c];
        for (int i = 0; i < n; i++) {
            classOf[i] = Arrays.binarySearch(classes, targets[i]);
            count[classOf[i]]++;
        }
        for (int k = 0; k < c; k++) {
            if (count[k] != perClass || nQuery < 1) {
                throw new IllegalArgumentException("class " + classes[k] + " has " + count[k] + " of " + n
                        + " positions; every class needs the same count, more than numSupport = " + numSupport);
            }
        }
        // supports: positions of class k with rank < numSupport; queries: the others, class-major in batch order
        int[] query = new int[c * nQuery];
        int[] seen = new int[c];
        double[] proto = new double[c * d];
        for (int i = 0; i < n; i++) {
            int k = classOf[i];
            int rank = seen[k]++;
            if (rank < numSupport) {
                for (int j = 0; j < d; j++) {
                    proto[k * d + j] += embeddings[i * d + j];
                }
            } else {
                query[k * nQuery + rank - numSupport] = i;
            }
        }
        for (int j = 0; j < proto.length; j++) {
            proto[j] /= numSupport;
        }
        int nq = query.length;
        double[] logit = new double[c]; // -D[q, k]
        double[] gProto = grad == null ? null : new double[c * d];
        double[] gQuery = grad == null ? null : new double[d];
        double loss = 0;
        int correct = 0;
        for (int qi = 0; qi < nq; qi++) {
            int q = query[qi];
            int truth = qi / nQuery;
            int best = 0;
            for (int k = 0; k < c; k++) {
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    double diff = embeddings[q * d + j] - proto[k * d + j];
                    dist += diff * diff;
                }
                logit[k] = -dist;
                if (logit[k] > logit[best]) {
                    best = k;
                }
            }
            if (best == truth) {
                correct++;
            }
            double max = logit[best];
            double sum = 0;
            for (int k = 0; k < c; k++) {
                sum += Math.exp(logit[k] - max);
            }
            double logSum = max + Math.log(sum);
            loss -= logit[truth] - logSum;
            if (grad != null) {
                // dL/dD[q,k] = (1[k = truth] - p[q,k]) / nq; dD/dx_q = 2 (x_q - mu_k) = -dD/dmu_k
                Arrays.fill(gQuery, 0);
                for (int k = 0; k < c; k++) {
                    double g = ((k == truth ? 1.0 : 0.0) - Math.exp(logit[k] - logSum)) / nq;
                    for (int j = 0; j < d; j++) {
                        double v = 2 * g * (embeddings[q * d + j] - proto[k * d + j]);
                        gQuery[j] += v;
                        gProto[k * d + j] -= v;
                    }
                }
                for (int j = 0; j < d; j++) {
                    grad[q * d + j] = (float) gQuery[j];
                }
            }
        }
        if (grad != null) {
            Arrays.fill(seen, 0);
            for (int i = 0; i < n; i++) {
                int k = classOf[i];
                if (seen[k]++ < numSupport) {
                    for (int j = 0; j < d; j++) {
                        grad[i * d + j] = (float) (gProto[k * d + j] / numSupport);
                    }
                }
            }
        }
        double accuracy = (double) correct / nq;
        double reference = nQuery == 1 && c > 1 ? (float) (1.0 / c) : (float) accuracy;
        return new Result(loss / nq, accuracy, reference, classes, nQuery);
    }
}
