package org.hmem.task.flags;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;


/**
 * The values of a command's flags: those given on the command line, else those of a checkpoint the run continues
 * (its stored params, for the flags whose {@link FlagRole} says so), else the defaults. Immutable.
 *
 * <p>The rule for a checkpoint (docs/DECISIONS.md): its model and training settings are the defaults; a flag the user
 * gives must agree with the stored value unless it is run-only, exempt on {@code --evaluate}, or the check is off.
 */
public final class FlagValues {

    private final FlagSet set;
    private final Map<String, Object> given;
    private final Map<String, Object> stored;

    FlagValues(FlagSet set, Map<String, Object> given, Map<String, Object> stored) {
        this.set = set;
        this.given = given;
        this.stored = stored;
    }

    public FlagSet flagSet() {
        return set;
    }

    /** The value of {@code flag}: given, else stored, else the default. */
    @SuppressWarnings("unchecked")
    public <T> T get(Flag<T> flag) {
        Flag<T> declared = set.declared(flag);
        if (given.containsKey(flag.name())) {
            return (T) given.get(flag.name());
        }
        if (stored.containsKey(flag.name())) {
            return (T) stored.get(flag.name());
        }
        return declared.defaultFor(this);
    }

    public Path path(Flag<String> flag) {
        return Path.of(get(flag));
    }

    /** True when the user gave the flag. */
    public boolean isGiven(Flag<?> flag) {
        return given.containsKey(set.declared(flag).name());
    }

    /** These values with {@code flag} given as {@code value} (tests and tasks set values this way). */
    public <T> FlagValues with(Flag<T> flag, T value) {
        set.declared(flag);
        Map<String, Object> g = new LinkedHashMap<>(given);
        g.put(flag.name(), value);
        return new FlagValues(set, g, stored);
    }

    /** These values with the command-line text of a flag given (the CLI's way in); bad text is a user error. */
    public FlagValues withText(Flag<?> flag, String text) {
        return withParsed(set.declared(flag), text);
    }

    private <T> FlagValues withParsed(Flag<T> flag, String text) {
        T value;
        try {
            value = flag.type().parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(flag + ": '" + text + "' is not " + flag.type().description());
        }
        return with(flag, value);
    }

    /** Every flag's value under its reference name, as checkpoints store them (the reference's params). */
    public JsonObject toParams() {
        JsonObject p = new JsonObject();
        for (Flag<?> f : set.flags()) {
            p.add(f.name(), json(f));
        }
        return p;
    }

    private <T> JsonElement json(Flag<T> f) {
        return f.type().toJson(get(f));
    }

    /** Checks every value against what its flag allows; the message names the flag, the value and the range. */
    public void validate() {
        for (Flag<?> f : set.flags()) {
            check(f);
        }
    }

    private <T> void check(Flag<T> f) {
        T value = get(f);
        String expected = f.rejects(value);
        if (expected != null) {
            throw new UserError(f + " " + f.type().format(value) + " is not allowed: expected " + expected);
        }
    }

    /**
     * These values continuing a checkpoint: its stored model and setting flags become the defaults, and a given flag
     * that differs from the stored value is refused with both values, unless {@code check} is false or the flag is
     * in {@code exempt}. A stored flag this version does not know is refused too.
     *
     * @param where the checkpoint, for messages
     * @param roles the roles taken from the checkpoint (MODEL and SETTING to resume or evaluate, MODEL to plot)
     */
    public FlagValues continuing(JsonObject params, Path where, Set<FlagRole> roles, Set<String> exempt,
                                 boolean check) {
        Map<String, Object> fromCheckpoint = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : params.entrySet()) {
            Flag<?> f = set.byName(e.getKey());
            if (f == null) {
                if (!set.ignores(e.getKey())) {
                    problems.add("--" + e.getKey() + " is stored in the checkpoint but unknown to this command");
                }
                continue;
            }
            if (!roles.contains(f.role())) {
                continue;
            }
            Object stored;
            try {
                stored = f.type().fromJsonOrNull(e.getValue());
            } catch (RuntimeException bad) {
                throw new UserError("checkpoint " + where + ": stored --" + f.name() + " " + e.getValue()
                        + " is not " + f.type().description());
            }
            fromCheckpoint.put(f.name(), stored);
            if (check && given.containsKey(f.name()) && !exempt.contains(f.name())
                    && !same(stored, given.get(f.name()))) {
                problems.add("--" + f.name() + ": checkpoint " + formatStored(f, stored) + ", now " + format(f));
            }
        }
        if (check && !problems.isEmpty()) {
            throw new UserError("the checkpoint " + where + " was made with other model or task settings:\n  "
                    + String.join("\n  ", problems)
                    + "\nOmit these flags (the checkpoint's values are used) or pass the checkpoint's values.");
        }
        return new FlagValues(set, given, fromCheckpoint);
    }

    /**
     * The values {@link #toParams()} wrote, read back into {@code set}: how a cluster executor gets the driver's
     * resolved flags.
     */
    public static FlagValues fromParams(FlagSet set, String params) {
        return set.defaults().continuing(JsonParser.parseString(params).getAsJsonObject(),
                Path.of("the driver's flags"), EnumSet.allOf(FlagRole.class), Set.of(), false);
    }

    @SuppressWarnings("unchecked")
    private static <T> String formatStored(Flag<T> f, Object stored) {
        return f.type().format((T) stored);
    }

    private <T> String format(Flag<T> f) {
        return f.type().format(get(f));
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a == null ? b == null : a.equals(b);
    }
}
