package org.hmem.task.train;

import java.util.List;

import org.hmem.engine.nn.Parameter;

/** The passes of a run's batches in this process, on the worker threads of a {@link SupervisedStep}. */
public final class LocalSteps<D, W> implements StepRunner {

    private final SupervisedStep<D, W> step;
    private final EpochData<D> data;

    public LocalSteps(SupervisedStep<D, W> step, EpochData<D> data) {
        this.step = step;
        this.data = data;
    }

    @Override
    public StepResult train(BatchRef batch, double regScale) {
        step.model().zeroGrad();
        return step.train(batch.resolve(data), 1, regScale);
    }

    @Override
    public StepResult evaluate(BatchRef batch) {
        return step.evaluate(batch.resolve(data));
    }

    @Override
    public List<Parameter> parameters() {
        return step.parameters();
    }

    @Override
    public Objective<?> objective() {
        return step.objective();
    }

    @Override
    public boolean spiking() {
        return !step.isNonSpiking();
    }
}
