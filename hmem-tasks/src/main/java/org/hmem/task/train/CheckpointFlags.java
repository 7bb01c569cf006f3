package org.hmem.task.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * How plot commands build their model: the checkpoint's stored flags define it; flags the user gave explicitly must
 * agree with them (the reference's plot check, spec §10), except the exempt ones, and are applied on top.
 */
public final class CheckpointFlags {

    private CheckpointFlags() {
    }

    /**
     * @param stored the checkpoint's params, or null without a checkpoint
     * @param flags the flags to take from the checkpoint
     * @param explicit flags given on the command line (reference names)
     * @param exempt explicit flags that may differ from the checkpoint's
     * @param set applies one flag to the options being built
     */
    public static void apply(JsonObject stored, List<String> flags, Map<String, JsonElement> explicit,
                             boolean checkParams, Set<String> exempt, Path checkpoint,
                             BiConsumer<String, JsonElement> set) {
        if (stored != null) {
            for (String flag : flags) {
                if (stored.has(flag) && !stored.get(flag).isJsonNull()) {
                    set.accept(flag, stored.get(flag));
                }
            }
        }
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : explicit.entrySet()) {
            String flag = e.getKey();
            if (stored != null && checkParams && !exempt.contains(flag) && stored.has(flag)
                    && !ParameterCheck.same(stored.get(flag), e.getValue())) {
                mismatches.add("--" + flag + ": checkpoint " + stored.get(flag) + ", given " + e.getValue());
            }
            set.accept(flag, e.getValue());
        }
        if (!mismatches.isEmpty()) {
            throw new UserError("flags differ from the checkpoint " + checkpoint + ":\n  "
                    + String.join("\n  ", mismatches)
                    + "\nOmit them (the checkpoint defines the model) or pass --check_params 0.");
        }
    }
}
