package org.hmem.task.flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one declaration of a command-line flag: its reference name (both spellings, {@code --readout_delay} and
 * {@code --readout-delay}, derive from it), value type, default, help text, help section, its {@link FlagRole} for
 * checkpoints, whether {@code --evaluate} exempts it from the checkpoint check, and the values it allows. Parsing,
 * {@code --help}, defaults, validation, the checkpoint check and the params stored in checkpoints all derive from
 * it. Immutable; a task that needs another default uses {@link #withDefault}.
 *
 * @param <T> the value type
 */
public final class Flag<T> {

    private final String name;
    private final FlagType<T> type;
    private final T defaultValue;
    private final Function<FlagValues, T> derivedDefault;
    private final String defaultText;
    private final FlagGroup group;
    private final FlagRole role;
    private final boolean evaluationExempt;
    private final String help;
    private final String label;
    private final Predicate<T> allowed;
    private final String allowedText;
    private final List<String> aliases;

    private Flag(String name, FlagType<T> type, T defaultValue, Function<FlagValues, T> derivedDefault,
                 String defaultText, FlagGroup group, FlagRole role, boolean evaluationExempt, String help,
                 String label, Predicate<T> allowed, String allowedText, List<String> aliases) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.derivedDefault = derivedDefault;
        this.defaultText = defaultText;
        this.group = group;
        this.role = role;
        this.evaluationExempt = evaluationExempt;
        this.help = help;
        this.label = label;
        this.allowed = allowed;
        this.allowedText = allowedText;
        this.aliases = aliases;
    }

    /** A flag named as in the reference (underscores), with no default, in the RUN role. */
    public static <T> Flag<T> of(String name, FlagType<T> type, FlagGroup group, String help) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("flag names are lower-case with underscores: " + name);
        }
        return new Flag<>(name, type, null, null, null, group, FlagRole.RUN, false, help, type.label(), v -> true,
                null, List.of());
    }

    private Flag<T> copy(T defaultValue, Function<FlagValues, T> derivedDefault, String defaultText, FlagRole role,
                         boolean evaluationExempt, String label, Predicate<T> allowed, String allowedText,
                         List<String> aliases) {
        return new Flag<>(name, type, defaultValue, derivedDefault, defaultText, group, role, evaluationExempt, help,
                label, allowed, allowedText, aliases);
    }

    /** The same flag with another default (a task's own). */
    public Flag<T> withDefault(T value) {
        return copy(value, null, null, role, evaluationExempt, label, allowed, allowedText, aliases);
    }

    /** A default computed from other flags (e.g. the ReLU model's other learning rate), described in help. */
    public Flag<T> withDefault(Function<FlagValues, T> derived, String description) {
        return copy(null, derived, description, role, evaluationExempt, label, allowed, allowedText, aliases);
    }

    public Flag<T> role(FlagRole newRole) {
        return copy(defaultValue, derivedDefault, defaultText, newRole, evaluationExempt, label, allowed, allowedText,
                aliases);
    }

    /** Ignored by the checkpoint check of {@code --evaluate} (e.g. the batch size). */
    public Flag<T> exemptOnEvaluate() {
        return copy(defaultValue, derivedDefault, defaultText, role, true, label, allowed, allowedText, aliases);
    }

    public Flag<T> label(String newLabel) {
        return copy(defaultValue, derivedDefault, defaultText, role, evaluationExempt, newLabel, allowed, allowedText,
                aliases);
    }

    /** Restricts the values; {@code description} completes "expected ..." in the error message. */
    public Flag<T> allowing(Predicate<T> test, String description) {
        return copy(defaultValue, derivedDefault, defaultText, role, evaluationExempt, label, test, description,
                aliases);
    }

    /** Further names, spelt in full (e.g. {@code --checkpoint_path}). */
    public Flag<T> alias(String... names) {
        List<String> all = new ArrayList<>(aliases);
        all.addAll(List.of(names));
        return copy(defaultValue, derivedDefault, defaultText, role, evaluationExempt, label, allowed, allowedText,
                List.copyOf(all));
    }

    /** The reference's name, e.g. {@code readout_delay}: the key in checkpoint params. */
    public String name() {
        return name;
    }

    /** {@code --readout_delay}, {@code --readout-delay} and any aliases. */
    public List<String> names() {
        List<String> all = new ArrayList<>();
        all.add("--" + name);
        if (name.contains("_")) {
            all.add("--" + name.replace('_', '-'));
        }
        all.addAll(aliases);
        return all;
    }

    public FlagType<T> type() {
        return type;
    }

    public FlagGroup group() {
        return group;
    }

    public FlagRole role() {
        return role;
    }

    public boolean evaluationExempt() {
        return evaluationExempt;
    }

    public String help() {
        return help;
    }

    public String label() {
        return label;
    }

    /** The default for these values of the other flags. */
    T defaultFor(FlagValues values) {
        return derivedDefault != null ? derivedDefault.apply(values) : defaultValue;
    }

    /** The default as help shows it, or null when there is nothing worth showing (a switch that is off). */
    public String defaultDescription() {
        if (defaultText != null) {
            return defaultText;
        }
        if (defaultValue == null || (type == FlagType.SWITCH && !((Boolean) defaultValue))) {
            return null;
        }
        String text = type.format(defaultValue);
        return text.isEmpty() ? "''" : text;
    }

    /** Null if {@code value} is allowed, else what is expected. */
    String rejects(T value) {
        return value == null || allowed.test(value) ? null : allowedText;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Flag<?> f && f.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }

    @Override
    public String toString() {
        return "--" + name;
    }
}
