package org.hmem.task.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The reference's resume check (spec §7.6): every stored hyper-parameter that is not in the ignore list must equal the
 * current value, otherwise resuming or evaluating would silently use a different model or task.
 */
public final class ParameterCheck {

    private ParameterCheck() {
    }

    /**
     * Throws a {@link UserError} listing every differing flag with both values, and any stored flag this version does
     * not know.
     */
    public static void requireMatch(JsonObject stored, JsonObject current, Set<String> ignored, Path where) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : stored.entrySet()) {
            String key = e.getKey();
            if (ignored.contains(key)) {
                continue;
            }
            if (!current.has(key)) {
                problems.add("--" + key + " is stored in the checkpoint but unknown to this version of hmem");
                continue;
            }
            if (!same(e.getValue(), current.get(key))) {
                problems.add("--" + key + ": checkpoint " + e.getValue() + ", now " + current.get(key));
            }
        }
        if (!problems.isEmpty()) {
            throw new UserError("the checkpoint " + where + " was made with other model or task settings:\n  "
                    + String.join("\n  ", problems)
                    + "\nPass the checkpoint's values (or --check_params 0 where the task allows it).");
        }
    }

    static boolean same(JsonElement a, JsonElement b) {
        if (a instanceof JsonPrimitive pa && b instanceof JsonPrimitive pb && pa.isNumber() && pb.isNumber()) {
            return pa.getAsDouble() == pb.getAsDouble();
        }
        return a.equals(b);
    }
}
