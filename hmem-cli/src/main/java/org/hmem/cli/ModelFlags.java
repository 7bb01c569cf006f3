package org.hmem.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

import picocli.CommandLine.Option;

/**
 * The neuron and memory flags of the plot commands. Only flags the user actually gives are recorded (by reference
 * name): the checkpoint defines the rest, and the given ones are checked against it.
 */
public final class ModelFlags {

    final Map<String, JsonElement> given = new LinkedHashMap<>();

    private void put(String flag, Number v) {
        given.put(flag, new JsonPrimitive(v));
    }

    @Option(names = {"--embedding_size", "--embedding-size"}, order = 100, description = "Embedding size E.")
    void embeddingSize(int v) {
        put("embedding_size", v);
    }

    @Option(names = {"--memory_size", "--memory-size"}, order = 101, description = "Memory size M.")
    void memorySize(int v) {
        put("memory_size", v);
    }

    @Option(names = {"--w_max", "--w-max"}, order = 102, description = "Plasticity soft bound.")
    void wMax(double v) {
        put("w_max", v);
    }

    @Option(names = {"--gamma_pos", "--gamma-pos"}, order = 103, description = "gamma+.")
    void gammaPos(double v) {
        put("gamma_pos", v);
    }

    @Option(names = {"--gamma_neg", "--gamma-neg"}, order = 104, description = "gamma-.")
    void gammaNeg(double v) {
        put("gamma_neg", v);
    }

    @Option(names = {"--tau_trace", "--tau-trace"}, order = 105, description = "Trace time constant.")
    void tauTrace(double v) {
        put("tau_trace", v);
    }

    @Option(names = {"--readout_delay", "--readout-delay"}, order = 106, description = "Feedback delay D.")
    void readoutDelay(int v) {
        put("readout_delay", v);
    }

    @Option(names = "--thr", order = 107, description = "Threshold.")
    void thr(double v) {
        put("thr", v);
    }

    @Option(names = {"--perfect_reset", "--perfect-reset"}, order = 108, description = "Perfect reset.")
    void perfectReset(boolean v) {
        given.put("perfect_reset", new JsonPrimitive(v));
    }

    @Option(names = {"--refractory_time_steps", "--refractory-time-steps"}, order = 109,
            description = "Refractory steps R.")
    void refractory(int v) {
        put("refractory_time_steps", v);
    }

    @Option(names = {"--tau_mem", "--tau-mem"}, order = 110, description = "Membrane time constant.")
    void tauMem(double v) {
        put("tau_mem", v);
    }

    @Option(names = {"--dampening_factor", "--dampening-factor"}, order = 111,
            description = "Surrogate dampening factor.")
    void dampening(double v) {
        put("dampening_factor", v);
    }
}
