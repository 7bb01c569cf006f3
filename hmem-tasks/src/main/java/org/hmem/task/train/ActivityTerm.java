package org.hmem.task.train;

import java.util.function.Function;

import org.hmem.engine.neuron.SpikeTrain;

/**
 * One spike population that enters the activity regulariser (spec §7.3): its name, its size, where a workspace holds
 * its spikes after a forward pass, and the rate normaliser {@code w_b} of a sample (1e-3 x the steps of the period
 * it spans, so that rates are in Hz).
 *
 * @param <D> batch type
 * @param <W> workspace type
 */
public record ActivityTerm<D, W>(String name, int neurons, Function<W, SpikeTrain> spikes,
                                 Normaliser<D> normaliser) {

    /** {@code w_b} of sample b. */
    @FunctionalInterface
    public interface Normaliser<D> {
        double of(D data, int b);
    }
}
