package org.hmem.task.model;

import static org.hmem.task.flags.FlagGroup.MODEL;

import java.util.List;

import org.hmem.task.flags.Allowed;
import org.hmem.task.flags.Flag;
import org.hmem.task.flags.FlagRole;
import org.hmem.task.flags.FlagType;

/**
 * The flags of the spiking H-Mem models every task shares (spec §8): sizes, memory and neuron settings. All define
 * the model. Tasks take {@link #ALL}, replacing a flag where their default differs.
 */
public final class MemoryFlags {

    private MemoryFlags() {
    }

    private static Flag<Integer> size(String name, int value, String help) {
        return Allowed.atLeast(Flag.of(name, FlagType.INT, MODEL, help), 1).withDefault(value).role(FlagRole.MODEL);
    }

    private static Flag<Double> number(String name, double value, String help) {
        return Flag.of(name, FlagType.DOUBLE, MODEL, help).withDefault(value).role(FlagRole.MODEL);
    }

    public static final Flag<Integer> EMBEDDING_SIZE = size("embedding_size", 80, "Embedding size E.");
    public static final Flag<Integer> MEMORY_SIZE = size("memory_size", 100,
            "Number of key and of value neurons M.");
    public static final Flag<Double> W_MAX = Allowed.between(number("w_max", 1.0,
            "Soft upper bound of the plasticity rule."), -1e3, 1e3);
    // a rate above 1 overshoots the bound (gamma+) or flips the weight's sign (gamma-) in one step
    public static final Flag<Double> GAMMA_POS = Allowed.between(number("gamma_pos", 0.3,
            "Potentiation rate gamma+ of the plasticity rule."), 0, 1);
    public static final Flag<Double> GAMMA_NEG = Allowed.between(number("gamma_neg", 0.3,
            "Depression rate gamma- of the plasticity rule."), 0, 1);
    public static final Flag<Double> TAU_TRACE = Allowed.positive(number("tau_trace", 20.0,
            "Time constant of the key and value traces, steps."));
    public static final Flag<Integer> READOUT_DELAY = size("readout_delay", 1,
            "Value-to-key feedback delay D of the reading layer, steps.");
    public static final Flag<Double> THR = Allowed.positive(number("thr", 0.1, "Firing threshold."));
    public static final Flag<Boolean> PERFECT_RESET = Flag.of("perfect_reset", FlagType.SWITCH, MODEL,
            "Reset the membrane to zero after a spike instead of subtracting the threshold.").withDefault(false)
            .role(FlagRole.MODEL);
    public static final Flag<Integer> REFRACTORY_TIME_STEPS = Allowed.atLeast(Flag.of("refractory_time_steps",
            FlagType.INT, MODEL, "Refractory period R, steps."), 0).withDefault(3).role(FlagRole.MODEL);
    public static final Flag<Double> TAU_MEM = Allowed.positive(number("tau_mem", 20.0,
            "Membrane time constant, steps."));
    public static final Flag<Double> DAMPENING_FACTOR = Allowed.between(number("dampening_factor", 1.0,
            "Dampening of the triangular surrogate gradient."), 0, 1e3);

    /** Every flag above, in help order. */
    public static final List<Flag<?>> ALL = List.of(EMBEDDING_SIZE, MEMORY_SIZE, W_MAX, GAMMA_POS, GAMMA_NEG,
            TAU_TRACE, READOUT_DELAY, THR, PERFECT_RESET, REFRACTORY_TIME_STEPS, TAU_MEM, DAMPENING_FACTOR);
}
