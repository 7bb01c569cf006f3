package org.hmem.task.train;

import java.util.List;

import org.hmem.engine.nn.Parameter;

/** Finds the first non-finite value of a training step: in the loss, the gradients or the parameters. */
final class Finite {

    private Finite() {
    }

    /**
     * Throws a {@link TrainingFailure} naming the epoch, the batch and the first non-finite quantity: the loss, the
     * regulariser, then each parameter's gradient ({@code grads}) or value.
     */
    static void require(int epoch, int batch, StepResult r, List<Parameter> params, boolean grads) {
        String where = "epoch " + epoch + ", batch " + (batch + 1);
        if (!Double.isFinite(r.loss())) {
            throw new TrainingFailure(where + ": the loss is " + r.loss());
        }
        if (!Double.isFinite(r.regLoss())) {
            throw new TrainingFailure(where + ": the activity regulariser is " + r.regLoss());
        }
        for (Parameter p : params) {
            float[] values = grads ? p.grad() : p.data();
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new TrainingFailure(where + ": " + (grads ? "the gradient of " : "parameter ") + p.name()
                            + " is " + values[i] + " at index " + i + (grads ? "" : " after the optimiser step"));
                }
            }
        }
    }
}
