package org.hmem.task.rl;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.tensor.CarriedState;

/**
 * The reference's {@code Policy} (spec §9.3): a recurrent core and the actor-critic heads on its features. Parameters
 * in the reference's state-dict order: {@code dist.*}, the core's {@code net.net.*}, then {@code net.actor.*},
 * {@code net.critic.*}, {@code net.critic_linear.*}.
 *
 * @param <S> the core's state of one environment
 */
public final class RecurrentPolicy<S extends CarriedState> implements Module {

    private final RecurrentCore<S> core;
    private final ActorCritic heads;

    public RecurrentPolicy(RecurrentCore<S> core, int actions) {
        this.core = core;
        this.heads = new ActorCritic(core.observationSize(), core.outputSize(), actions);
    }

    public RecurrentCore<S> core() {
        return core;
    }

    public ActorCritic heads() {
        return heads;
    }

    public int actions() {
        return heads.actions();
    }

    public int observationSize() {
        return core.observationSize();
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(heads.distParameters());
        all.addAll(core.parameters());
        all.addAll(heads.netParameters());
        return List.copyOf(all);
    }

    public void initialize(SplittableRandom rng) {
        core.initialize(rng);
        heads.initialize(rng);
    }
}
