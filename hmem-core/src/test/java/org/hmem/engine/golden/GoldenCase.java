package org.hmem.engine.golden;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.hmem.engine.io.Safetensors;

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

    /** Entry {@code key} of the config object {@code group} (e.g. the encoding neuron's settings). */
    public double config(String group, String key) {
        return configElement(group).getAsJsonObject().get(key).getAsDouble();
    }

    public int configInt(String group, String key) {
        return configElement(group).getAsJsonObject().get(key).getAsInt();
    }

    public boolean configBool(String group, String key) {
        return configElement(group).getAsJsonObject().get(key).getAsBoolean();
    }

    /** A config list of numbers. */
    public float[] configFloats(String key) {
        JsonArray a = configElement(key).getAsJsonArray();
        float[] r = new float[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).getAsFloat();
        }
        return r;
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

    /** A per-step internal the reference recorded to locate a bug ({@code debug} section). */
    public Ref debug(String name) {
        return tensor("debug", name);
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

    /**
     * A tensor of {@code parameters_external}: loaded from a pretrained checkpoint under the shared folder (float32,
     * widened) or generated from {@code SplittableRandom}; its recorded checksums are verified before it is returned.
     */
    public Ref external(String name) throws IOException {
        JsonObject ext = root.getAsJsonObject("parameters_external");
        if (ext == null || !ext.has(name)) {
            throw new IllegalStateException(file.getFileName() + ": no parameters_external." + name);
        }
        JsonObject e = ext.getAsJsonObject(name);
        int[] shape = ints(e.getAsJsonArray("shape"));
        int numel = 1;
        for (int d : shape) {
            numel *= d;
        }
        double[] values = new double[numel];
        String source = e.get("source").getAsString();
        if (source.equals("checkpoint")) {
            Path f = GoldenFiles.shared().resolve(e.get("file").getAsString());
            float[] data = Safetensors.read(f).tensor(e.get("key").getAsString()).data();
            if (data.length != numel) {
                throw new IllegalStateException(name + ": " + f + " holds " + data.length + " values, not " + numel);
            }
            for (int i = 0; i < numel; i++) {
                values[i] = data[i];
            }
        } else if (source.equals("splittable_random")) {
            SplittableRandom rnd = new SplittableRandom(e.get("seed").getAsLong());
            double bound = e.get("bound").getAsDouble();
            for (int i = 0; i < numel; i++) {
                values[i] = bound * (2 * rnd.nextDouble() - 1);
            }
        } else {
            throw new IllegalStateException(name + ": unknown external source " + source);
        }
        verifyChecksums(name, values, e.getAsJsonObject("checksums"));
        return new Ref(shape, values);
    }

    /** Names of the {@code parameters_external} tensors. */
    public Set<String> externalNames() {
        JsonObject ext = root.getAsJsonObject("parameters_external");
        return ext == null ? Set.of() : ext.keySet();
    }

    private void verifyChecksums(String name, double[] v, JsonObject sums) {
        double sum = 0, sumAbs = 0, sumSq = 0;
        for (double x : v) {
            sum += x;
            sumAbs += Math.abs(x);
            sumSq += x * x;
        }
        double tol = 1e-9 * Math.max(sumAbs, 1);
        if (Math.abs(sum - sums.get("sum").getAsDouble()) > tol
                || Math.abs(sumAbs - sums.get("sum_abs").getAsDouble()) > tol
                || Math.abs(sumSq - sums.get("sum_sq").getAsDouble()) > tol
                || v[v.length - 1] != sums.get("last").getAsDouble()) {
            throw new IllegalStateException(file.getFileName() + ": external tensor " + name
                    + " does not match its recorded checksums (wrong file or generator)");
        }
    }

    /** A gradient too large to store inline, summarised (schema in the golden README). */
    public record Summary(int[] shape, double sum, double sumAbs, double sumSq, double[] sumOverDimsExcept0,
                          double[] head, long projectionSeed, double projection) {
    }

    /** The tensors of loss {@code loss} with a gradient summary. */
    public Set<String> summarisedGradients(String loss) {
        JsonObject g = root.getAsJsonObject("grad_summaries");
        return g == null || !g.has(loss) ? Set.of() : g.getAsJsonObject(loss).keySet();
    }

    public Summary gradSummary(String loss, String tensor) {
        JsonObject s = root.getAsJsonObject("grad_summaries").getAsJsonObject(loss).getAsJsonObject(tensor);
        return new Summary(ints(s.getAsJsonArray("shape")), s.get("sum").getAsDouble(),
                s.get("sum_abs").getAsDouble(), s.get("sum_sq").getAsDouble(),
                ref(s.getAsJsonObject("sum_over_dims_except_0")).values(), ref(s.getAsJsonObject("head")).values(),
                s.get("projection_seed").getAsLong(), s.get("projection").getAsDouble());
    }

    private static int[] ints(JsonArray a) {
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).getAsInt();
        }
        return r;
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
