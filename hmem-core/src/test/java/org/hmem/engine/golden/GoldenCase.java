package org.hmem.engine.golden;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** One golden file of the reference (schema in {@code shared/golden/README.md}), parsed into float64 tensors. */
public final class GoldenCase {

    /** A float64 (or int64) reference tensor. */
    public record Ref(int[] shape, double[] values) {
        public int size() {
            return values.length;
        }

        public float[] floats() {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return f;
        }

        public int[] ints() {
            int[] r = new int[values.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = (int) values[i];
            }
            return r;
        }
    }

    private final Path file;
    private final JsonObject root;

    private GoldenCase(Path file, JsonObject root) {
        this.file = file;
        this.root = root;
    }

    public static GoldenCase load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return new GoldenCase(file, JsonParser.parseReader(r).getAsJsonObject());
        }
    }

    public Path file() {
        return file;
    }

    public String name() {
        return root.has("case") ? root.get("case").getAsString() : file.getFileName().toString();
    }

    public String kind() {
        if (!root.has("kind")) {
            throw new IllegalStateException(file + " has no \"kind\"");
        }
        return root.get("kind").getAsString();
    }

    public double config(String key) {
        return configElement(key).getAsDouble();
    }

    public int configInt(String key) {
        return configElement(key).getAsInt();
    }

    public boolean configBool(String key) {
        return configElement(key).getAsBoolean();
    }

    public boolean hasConfig(String key) {
        return root.getAsJsonObject("config").has(key);
    }

    public String configString(String key) {
        return configElement(key).getAsString();
    }

    private JsonElement configElement(String key) {
        JsonObject c = root.getAsJsonObject("config");
        if (c == null || !c.has(key)) {
            throw new IllegalStateException(file.getFileName() + ": config has no " + key);
        }
        return c.get(key);
    }

    public Ref parameter(String name) {
        return tensor("parameters", name);
    }

    public boolean parameterTrainable(String name) {
        return root.getAsJsonObject("parameters").getAsJsonObject(name).get("trainable").getAsBoolean();
    }

    public Map<String, Ref> parameters() {
        return section("parameters");
    }

    public Ref input(String name) {
        return tensor("inputs", name);
    }

    public Ref output(String name) {
        return tensor("outputs", name);
    }

    public Map<String, Ref> outputs() {
        return section("outputs");
    }

    public double loss(String name) {
        JsonObject l = root.getAsJsonObject("losses");
        if (l == null || !l.has(name)) {
            throw new IllegalStateException(file.getFileName() + ": no loss " + name);
        }
        return l.get(name).getAsDouble();
    }

    public Map<String, Double> losses() {
        Map<String, Double> m = new LinkedHashMap<>();
        JsonObject l = root.getAsJsonObject("losses");
        if (l != null) {
            for (String k : l.keySet()) {
                m.put(k, l.get(k).getAsDouble());
            }
        }
        return m;
    }

    /** Gradients of the named loss: tensor name to {@code d loss / d tensor}. */
    public Map<String, Ref> grads(String loss) {
        JsonObject g = root.getAsJsonObject("grads").getAsJsonObject(loss);
        if (g == null) {
            throw new IllegalStateException(file.getFileName() + ": no grads for " + loss);
        }
        return refs(g);
    }

    public Iterable<String> gradLosses() {
        return root.getAsJsonObject("grads").keySet();
    }

    public JsonObject optimizer() {
        return root.getAsJsonObject("optimizer");
    }

    /** Parameters after the optimiser step stored in the file. */
    public Map<String, Ref> paramsAfterStep() {
        JsonElement e = optimizer().get("params_after_step");
        if (e instanceof JsonObject o) {
            return refs(o);
        }
        throw new IllegalStateException(file.getFileName() + ": params_after_step is not a tensor map");
    }

    public JsonObject checks() {
        return root.getAsJsonObject("checks");
    }

    private Ref tensor(String section, String name) {
        JsonObject s = root.getAsJsonObject(section);
        if (s == null || !s.has(name)) {
            throw new IllegalStateException(file.getFileName() + ": no " + section + "." + name);
        }
        return ref(s.getAsJsonObject(name));
    }

    private Map<String, Ref> section(String section) {
        JsonObject s = root.getAsJsonObject(section);
        return s == null ? Map.of() : refs(s);
    }

    private static Map<String, Ref> refs(JsonObject o) {
        Map<String, Ref> m = new LinkedHashMap<>();
        for (String k : o.keySet()) {
            JsonElement e = o.get(k);
            if (e.isJsonObject() && e.getAsJsonObject().has("values")) {
                m.put(k, ref(e.getAsJsonObject()));
            }
        }
        return m;
    }

    private static Ref ref(JsonObject t) {
        JsonArray sh = t.getAsJsonArray("shape");
        int[] shape = new int[sh.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = sh.get(i).getAsInt();
        }
        JsonArray v = t.getAsJsonArray("values");
        double[] values = new double[v.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = v.get(i).getAsDouble();
        }
        return new Ref(shape, values);
    }
}
