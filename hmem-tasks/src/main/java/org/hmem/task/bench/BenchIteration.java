package org.hmem.task.bench;

import java.util.ArrayList;
import java.util.List;

import org.hmem.engine.nn.Parameter;
import org.hmem.engine.optim.Adam;
import org.hmem.engine.optim.GradientClipping;
import org.hmem.task.train.SupervisedStep;

/**
 * One benchmark iteration of a {@link SupervisedStep}, as the training loop runs it from epoch 1 on (spec §7.2).
 *
 * <p>The engine's cost depends on the firing activity, which drifts as Adam trains the model: {@link #restore()}
 * puts back the initial parameters before every iteration, so that all repetitions measure the same workload (a
 * freshly initialised network on fresh data). Adam keeps its moments, as it would in training.
 */
final class BenchIteration<D, W> {

    private final SupervisedStep<D, W> step;
    private final List<Parameter> params;
    private final List<float[]> initial = new ArrayList<>();
    private final Adam adam;
    private final BenchSettings settings;

    BenchIteration(SupervisedStep<D, W> step, BenchSettings settings) {
        this.step = step;
        this.params = step.parameters();
        for (Parameter p : params) {
            initial.add(p.data().clone());
        }
        this.adam = new Adam(params, settings.learningRate());
        this.settings = settings;
    }

    /** Puts back the parameters the iteration was constructed with. */
    void restore() {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).set(initial.get(i));
        }
    }

    /**
     * {@code train}: forward, cross-entropy, the activity regulariser with {@code l2} in its two-pass flow, backward,
     * gradient clipping and an Adam step; {@code forward}: forward, loss and metrics (validation). Returns the loss.
     */
    double run(Mode mode, D batch) {
        if (mode == Mode.FORWARD) {
            return step.evaluate(batch).loss();
        }
        for (Parameter p : params) {
            p.zeroGrad();
        }
        double loss = step.train(batch, 1.0, settings.l2()).loss();
        GradientClipping.clip(params, settings.maxGradNorm());
        adam.step();
        return loss;
    }
}
