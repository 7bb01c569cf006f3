package org.hmem.task.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark run is measured with besides its configurations: the repetition policy, the seed of the model
 * initialisation (and of the associations data), and the hyper-parameters of the train mode's iteration.
 */
public record BenchSettings(Repetitions repetitions, long seed, double l2, double maxGradNorm, double learningRate) {

    /** Number of command-line arguments of {@link #toArgs()}. */
    static final int ARGS = Repetitions.ARGS + 4;

    public BenchSettings withSeed(long newSeed) {
        return new BenchSettings(repetitions, newSeed, l2, maxGradNorm, learningRate);
    }

    /** The settings as command-line arguments of a child JVM ({@link #fromArgs}). */
    List<String> toArgs() {
        List<String> a = new ArrayList<>(repetitions.toArgs());
        a.add(Long.toString(seed));
        a.add(Double.toString(l2));
        a.add(Double.toString(maxGradNorm));
        a.add(Double.toString(learningRate));
        return a;
    }

    /** Reads {@link #toArgs()} back from {@code a[from ..]}. */
    static BenchSettings fromArgs(String[] a, int from) {
        int k = from + Repetitions.ARGS;
        return new BenchSettings(Repetitions.fromArgs(a, from), Long.parseLong(a[k]), Double.parseDouble(a[k + 1]),
                Double.parseDouble(a[k + 2]), Double.parseDouble(a[k + 3]));
    }
}
