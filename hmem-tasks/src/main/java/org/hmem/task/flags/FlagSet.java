package org.hmem.task.flags;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flags one command takes, in help order, with the task's own defaults. Built from shared lists of declarations
 * plus the task's; {@link #with} replaces a flag by a variant with another default.
 */
public final class FlagSet {

    private final Map<String, Flag<?>> flags;
    private final Set<String> retired;
    private final boolean subset;

    private FlagSet(Map<String, Flag<?>> flags, Set<String> retired, boolean subset) {
        this.flags = flags;
        this.retired = retired;
        this.subset = subset;
    }

    /** The given flags (lists of them and single ones), in order; a name may appear only once. */
    public static FlagSet of(Object... parts) {
        Map<String, Flag<?>> map = new LinkedHashMap<>();
        for (Object part : parts) {
            Collection<?> items = part instanceof Collection<?> c ? c : List.of(part);
            for (Object item : items) {
                Flag<?> f = (Flag<?>) item;
                if (map.put(f.name(), f) != null) {
                    throw new IllegalArgumentException("flag " + f + " declared twice");
                }
            }
        }
        return new FlagSet(map, Set.of(), false);
    }

    /** This set with each given flag replacing the one of the same name (a task's defaults). */
    public FlagSet with(Flag<?>... replacements) {
        Map<String, Flag<?>> map = new LinkedHashMap<>(flags);
        for (Flag<?> f : replacements) {
            if (!map.containsKey(f.name())) {
                throw new IllegalArgumentException("no flag " + f + " to replace");
            }
            map.put(f.name(), f);
        }
        return new FlagSet(map, retired, subset);
    }

    /** Also accepts these params in old checkpoints without flags of their own (they are ignored). */
    public FlagSet retired(String... names) {
        return new FlagSet(flags, Set.of(names), subset);
    }

    /**
     * A set that takes only some of a checkpoint's params (a plot command takes the model's): the others are not
     * this command's business and are ignored rather than reported as unknown.
     */
    public FlagSet subsetOfCheckpointParams() {
        return new FlagSet(flags, retired, true);
    }

    public List<Flag<?>> flags() {
        return new ArrayList<>(flags.values());
    }

    public boolean has(String name) {
        return flags.containsKey(name);
    }

    /** The set's declaration of the flag named like {@code f} (with this set's default). */
    @SuppressWarnings("unchecked")
    public <T> Flag<T> declared(Flag<T> f) {
        Flag<?> d = flags.get(f.name());
        if (d == null) {
            throw new IllegalArgumentException("this command has no flag " + f);
        }
        return (Flag<T>) d;
    }

    Flag<?> byName(String name) {
        return flags.get(name);
    }

    /** True for a stored param this set does not take but need not report. */
    boolean ignores(String name) {
        return subset || retired.contains(name);
    }

    /** Names of the flags {@code --evaluate} exempts from the checkpoint check. */
    public Set<String> exemptOnEvaluate() {
        Set<String> names = new java.util.HashSet<>();
        for (Flag<?> f : flags.values()) {
            if (f.evaluationExempt()) {
                names.add(f.name());
            }
        }
        return Set.copyOf(names);
    }

    /** Values that are all defaults. */
    public FlagValues defaults() {
        return new FlagValues(this, Map.of(), Map.of());
    }
}
