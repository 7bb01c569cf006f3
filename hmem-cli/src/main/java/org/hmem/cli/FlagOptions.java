package org.hmem.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hmem.task.flags.Flag;
import org.hmem.task.flags.FlagGroup;
import org.hmem.task.flags.FlagSet;
import org.hmem.task.flags.FlagType;
import org.hmem.task.flags.FlagValues;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Turns a task's flag declarations into picocli options (both spellings, help text with the task's default, grouped
 * help) and the parsed command line back into {@link FlagValues} that know which flags the user gave. Values are
 * parsed by the flag's own type, so every command reports a bad value the same way.
 */
final class FlagOptions {

    private FlagOptions() {
    }

    /** Adds an option per flag of {@code set} to {@code spec} and groups the help by {@link FlagGroup}. */
    static void register(CommandSpec spec, FlagSet set) {
        Map<OptionSpec, FlagGroup> groups = new LinkedHashMap<>();
        for (Flag<?> f : set.flags()) {
            boolean takesValue = f.type().takesValue();
            boolean list = f.type().multiValued();
            String def = f.defaultDescription();
            OptionSpec.Builder builder = OptionSpec.builder(f.names().toArray(new String[0]))
                    .paramLabel(f.label())
                    // picocli formats descriptions: a literal '%' (as in "90 % train") must be doubled
                    .description((def == null ? f.help() : f.help() + " (default: " + def + ")").replace("%", "%%"));
            if (list) {
                builder.type(List.class).auxiliaryTypes(String.class).arity("1..*");
            } else {
                builder.type(takesValue ? String.class : boolean.class).arity(takesValue ? "1" : "0");
            }
            OptionSpec option = builder.build();
            spec.addOption(option);
            groups.put(option, f.group());
        }
        spec.usageMessage().sectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> {
            StringBuilder sb = new StringBuilder();
            for (FlagGroup g : FlagGroup.values()) {
                List<OptionSpec> options = new ArrayList<>();
                groups.forEach((o, group) -> {
                    if (group == g) {
                        options.add(o);
                    }
                });
                if (!options.isEmpty()) {
                    sb.append(help.createHeading("%n" + g.heading() + ":%n")).append(
                            help.optionListExcludingGroups(options));
                }
            }
            List<OptionSpec> other = new ArrayList<>(help.commandSpec().options());
            other.removeAll(groups.keySet());
            if (!other.isEmpty()) {
                sb.append(help.createHeading("%nOther:%n")).append(help.optionListExcludingGroups(other));
            }
            return sb.toString();
        });
    }

    /** The flags of {@code set} as parsed for {@code spec}'s command: given ones marked as given. */
    static FlagValues values(CommandSpec spec, FlagSet set) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        FlagValues v = set.defaults();
        for (Flag<?> f : set.flags()) {
            OptionSpec option = spec.findOption(f.names().get(0));
            if (parsed.hasMatchedOption(option)) {
                if (f.type() == FlagType.SWITCH) {
                    v = v.withText(f, "true");
                } else if (f.type().multiValued()) {
                    List<String> parts = option.getValue();
                    v = v.withText(f, String.join(" ", parts));
                } else {
                    v = v.withText(f, option.getValue());
                }
            }
        }
        return v;
    }
}
