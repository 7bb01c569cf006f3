package org.hmem.task.crossmodal;

import java.util.ArrayList;
import java.util.List;

import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.train.SupervisedModel;

/** Forward passes only: the reconstructions of a batch of episodes, for either cross-modal model. */
final class CrossModalReconstructions {

    private CrossModalReconstructions() {
    }

    /**
     * The model's output for every episode of {@code batch}, 784 values each, one after the other, computed on up to
     * {@code threads} workers with a workspace each. The batch-level pass comes first: the ReLU model runs its CNNs
     * (batch norm, if any, in eval mode) over the whole batch there.
     */
    static <W> float[] of(SupervisedModel<CrossModalBatch, W> model, CrossModalBatch batch, int threads) {
        int n = batch.size(), size = model.outputSize();
        float[] all = new float[n * size];
        try (BatchParallel parallel = new BatchParallel(Math.max(1, Math.min(threads, n)))) {
            model.forwardBatch(batch, false, parallel);
            List<W> ws = new ArrayList<>();
            for (int w = 0; w < parallel.threads(); w++) {
                ws.add(model.newWorkspace());
            }
            parallel.forEach(n, (w, b) -> {
                model.forward(batch, b, ws.get(w));
                System.arraycopy(model.output(ws.get(w)), 0, all, b * size, size);
            });
        }
        return all;
    }
}
