package org.hmem.task.bench;

import java.util.List;

/**
 * How long a configuration warms up and how many timed iterations it repeats.
 *
 * @param warmupReps minimum untimed iterations
 * @param warmupSeconds minimum warm-up time (iterations continue until both minima are reached)
 * @param minReps timed iterations wanted
 * @param minSeconds minimum timed duration (short iterations repeat until reached)
 * @param maxSeconds once this much time is spent, stop after at least {@code floorReps} iterations
 * @param floorReps fewest timed iterations in any case
 */
public record Repetitions(int warmupReps, double warmupSeconds, int minReps, double minSeconds, double maxSeconds,
                          int floorReps) {

    /** Number of command-line arguments of {@link #toArgs()}. */
    static final int ARGS = 6;

    /** The policy of a full run. */
    public static Repetitions defaults() {
        return new Repetitions(1, 3.0, 5, 3.0, 25.0, 3);
    }

    /** A shorter policy for quick checks. */
    public static Repetitions quick() {
        return new Repetitions(1, 2.0, 3, 1.5, 8.0, 2);
    }

    /**
     * This policy with the values the user gave (null: kept). Fewer timed iterations wanted than the floor lower
     * the floor too.
     */
    public Repetitions with(Integer minReps, Double minSeconds, Double maxSeconds, Double warmupSeconds) {
        int reps = minReps != null ? minReps : this.minReps;
        return new Repetitions(warmupReps, warmupSeconds != null ? warmupSeconds : this.warmupSeconds, reps,
                minSeconds != null ? minSeconds : this.minSeconds, maxSeconds != null ? maxSeconds : this.maxSeconds,
                Math.min(floorReps, minReps != null ? minReps : floorReps));
    }

    /** Whether the timed phase may stop after {@code reps} iterations taking {@code seconds} in all. */
    boolean done(int reps, double seconds) {
        return (reps >= minReps && seconds >= minSeconds) || (reps >= floorReps && seconds >= maxSeconds);
    }

    /** The policy as command-line arguments of a child JVM ({@link #fromArgs}). */
    List<String> toArgs() {
        return List.of(Integer.toString(warmupReps), Double.toString(warmupSeconds), Integer.toString(minReps),
                Double.toString(minSeconds), Double.toString(maxSeconds), Integer.toString(floorReps));
    }

    /** Reads {@link #toArgs()} back from {@code a[from ..]}. */
    static Repetitions fromArgs(String[] a, int from) {
        return new Repetitions(Integer.parseInt(a[from]), Double.parseDouble(a[from + 1]),
                Integer.parseInt(a[from + 2]), Double.parseDouble(a[from + 3]), Double.parseDouble(a[from + 4]),
                Integer.parseInt(a[from + 5]));
    }
}
