package org.hmem.task.flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;

/**
 * How a flag's value is read from the command line and written to (and read back from) a checkpoint's JSON params.
 * Parsing errors name the flag and the text (see {@link FlagValues}).
 *
 * @param <T> the value type
 */
public abstract class FlagType<T> {

    /** An integer. */
    public static final FlagType<Integer> INT = new FlagType<>("N", "an integer") {
        @Override
        Integer parse(String text) {
            return Integer.valueOf(text.trim());
        }

        @Override
        Integer fromJson(JsonElement e) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            return p.isBoolean() ? (p.getAsBoolean() ? 1 : 0) : p.getAsInt();
        }
    };

    /** A 64-bit integer (seeds). */
    public static final FlagType<Long> LONG = new FlagType<>("N", "an integer") {
        @Override
        Long parse(String text) {
            return Long.valueOf(text.trim());
        }

        @Override
        Long fromJson(JsonElement e) {
            return e.getAsLong();
        }
    };

    /** A floating-point number. */
    public static final FlagType<Double> DOUBLE = new FlagType<>("X", "a number") {
        @Override
        Double parse(String text) {
            return Double.valueOf(text.trim());
        }

        @Override
        Double fromJson(JsonElement e) {
            return e.getAsDouble();
        }
    };

    /** Text. */
    public static final FlagType<String> STRING = new FlagType<>("TEXT", "text") {
        @Override
        String parse(String text) {
            return text;
        }

        @Override
        String fromJson(JsonElement e) {
            return e.getAsString();
        }
    };

    /** An on/off switch without value ({@code store_true}): given means true. */
    public static final FlagType<Boolean> SWITCH = new FlagType<>("", "a switch") {
        @Override
        Boolean parse(String text) {
            return Boolean.valueOf(text.trim());
        }

        @Override
        Boolean fromJson(JsonElement e) {
            return e.getAsBoolean();
        }

        @Override
        public boolean takesValue() {
            return false;
        }
    };

    /**
     * An integer used as a boolean (non-zero is true), stored as a JSON boolean as the reference stores it after
     * converting it ({@code --inf_data}, the {@code {0,1}} flags).
     */
    public static final FlagType<Integer> BINARY = new FlagType<>("0|1", "an integer") {
        @Override
        Integer parse(String text) {
            return Integer.valueOf(text.trim());
        }

        @Override
        JsonElement toJson(Integer value) {
            return value == null ? JsonNull.INSTANCE : new JsonPrimitive(value != 0);
        }

        @Override
        Integer fromJson(JsonElement e) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            return p.isBoolean() ? (p.getAsBoolean() ? 1 : 0) : p.getAsInt();
        }
    };

    /**
     * A list of integers ({@code nargs='+'}): on the command line one or more values after the flag
     * ({@code --train_classes 0 1 2}; commas also separate), stored as a JSON array.
     */
    public static final FlagType<List<Integer>> INT_LIST = new FlagType<>("N...", "integers") {
        @Override
        List<Integer> parse(String text) {
            List<Integer> values = new ArrayList<>();
            for (String part : text.trim().split("[\\s,]+")) {
                if (!part.isEmpty()) {
                    values.add(Integer.valueOf(part));
                }
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("no values");
            }
            return List.copyOf(values);
        }

        @Override
        JsonElement toJson(List<Integer> value) {
            if (value == null) {
                return JsonNull.INSTANCE;
            }
            JsonArray a = new JsonArray();
            value.forEach(a::add);
            return a;
        }

        @Override
        List<Integer> fromJson(JsonElement e) {
            List<Integer> values = new ArrayList<>();
            for (JsonElement x : e.getAsJsonArray()) {
                values.add(x.getAsInt());
            }
            return List.copyOf(values);
        }

        @Override
        public boolean multiValued() {
            return true;
        }

        @Override
        String format(List<Integer> value) {
            if (value == null) {
                return "none";
            }
            StringBuilder sb = new StringBuilder();
            for (Integer x : value) {
                sb.append(sb.length() == 0 ? "" : " ").append(x);
            }
            return sb.toString();
        }
    };

    private final String label;
    private final String description;

    private FlagType(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The value's placeholder in help ("N", "X"). */
    public String label() {
        return label;
    }

    /** What a valid text is, for parse errors ("an integer"). */
    public String description() {
        return description;
    }

    /** False for switches, which take no value on the command line. */
    public boolean takesValue() {
        return true;
    }

    /** True for lists, which take one or more values on the command line. */
    public boolean multiValued() {
        return false;
    }

    /** Parses command-line text; throws {@link NumberFormatException} or {@link IllegalArgumentException}. */
    abstract T parse(String text);

    JsonElement toJson(T value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        return new JsonPrimitive(value.toString());
    }

    /** Reads a stored value (null for JSON null). */
    abstract T fromJson(JsonElement e);

    T fromJsonOrNull(JsonElement e) {
        return e == null || e.isJsonNull() ? null : fromJson(e);
    }

    /** How the value reads in help and messages. */
    String format(T value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d) : d.toString();
        }
        return value.toString();
    }
}
