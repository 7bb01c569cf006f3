package org.hmem.task.crossmodal;

import java.util.ArrayList;
import java.util.List;

import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.train.SupervisedModel;

/** Forward passes only: the reconstructions of a batch of episodes, for either cross-modal model. */
final class CrossModalReconstructions {

    private CrossModalReconstructions() {
    }

    /** Episodes per batch-level pass: the ReLU model's CNN activations grow with it. */
    static final int CHUNK = 100;

    /**
     * The model's output for every episode of {@code batch}, 784 values each, one after the other, computed on up to
     * {@code threads} workers with a workspace each, {@value #CHUNK} episodes at a time. Each chunk's batch-level pass
     * comes first: the ReLU model runs its CNNs there, batch norm (if any) in eval mode, so chunks change nothing.
     */
    static <W> float[] of(SupervisedModel<CrossModalBatch, W> model, CrossModalBatch batch, int threads) {
        int n = batch.size(), size = model.outputSize();
        float[] all = new float[n * size];
        try (BatchParallel parallel = new BatchParallel(Math.max(1, Math.min(threads, n)))) {
            List<W> ws = new ArrayList<>();
            for (int w = 0; w < parallel.threads(); w++) {
                ws.add(model.newWorkspace());
            }
            for (int from = 0; from < n; from += CHUNK) {
                int first = from;
                CrossModalBatch chunk = batch.slice(from, Math.min(n, from + CHUNK));
                model.forwardBatch(chunk, false, parallel);
                parallel.forEach(chunk.size(), (w, b) -> {
                    model.forward(chunk, b, ws.get(w));
                    System.arraycopy(model.output(ws.get(w)), 0, all, (first + b) * size, size);
                });
            }
        }
        return all;
    }
}
