package org.hmem.task.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.hmem.engine.io.CheckpointFormatException;
import org.hmem.engine.io.HmemVersion;
import org.hmem.engine.io.Safetensors;
import org.hmem.engine.io.SafetensorsFile;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.optim.Optimizer;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.flags.UserError;

/**
 * A training checkpoint as one safetensors file: the model's tensors under their state-dict names (so Python's
 * {@code safetensors.torch.load_file} reads the weights), the optimiser state under {@code optimizer.*}, and the run's
 * metadata in the header: every hyper-parameter, the next epoch, the best validation value and the metric it is of,
 * names and the hmem version.
 * Files are replaced atomically.
 */
public final class RunCheckpoint {

    public static final String FORMAT = "hmem-checkpoint/1";
    public static final String OPTIMIZER_PREFIX = "optimizer.";
    /** Tensors of a run's own state besides model and optimiser (a reinforcement-learning run's environments). */
    public static final String RUN_PREFIX = "run.";
    /** Metadata key of a run's own state as JSON, with {@link #RUN_PREFIX} tensors. */
    public static final String RUN_STATE = "run_state";
    /** Metadata field of a distributed run: the shards and executors of its last step, e.g. "4 shards on 2 ...". */
    public static final String PLACEMENT = "placement";
    /** The reference's name of the best value, per deciding metric (spec §7.5), written besides ours. */
    private static final Map<String, String> REFERENCE_BEST_KEYS = Map.of(Metric.ACCURACY.tag(), "best_acc",
            Metric.LOSS.tag(), "best_loss");

    /** A checkpoint read from disk. */
    public record Loaded(Path file, String task, RunState state, JsonObject params, Map<String, Tensor> model,
                         Map<String, Tensor> optimizer, Map<String, Tensor> run, Map<String, String> metadata) {
    }

    private RunCheckpoint() {
    }

    public static void save(Path file, String task, Module model, Optimizer optimizer, RunState state,
                            JsonObject params) throws IOException {
        save(file, task, model, optimizer, state, params, Map.of());
    }

    /** Also stores {@code notes} as metadata fields (e.g. {@link #PLACEMENT}). */
    public static void save(Path file, String task, Module model, Optimizer optimizer, RunState state,
                            JsonObject params, Map<String, String> notes) throws IOException {
        save(file, task, model, optimizer, state, params, Map.of(), null, notes);
    }

    /**
     * Also stores the run's own state: {@code run} tensors under {@link #RUN_PREFIX} and {@code runState} (JSON, may
     * be null) under {@link #RUN_STATE}.
     */
    public static void save(Path file, String task, Module model, Optimizer optimizer, RunState state,
                            JsonObject params, Map<String, Tensor> run, String runState) throws IOException {
        save(file, task, model, optimizer, state, params, run, runState, Map.of());
    }

    private static void save(Path file, String task, Module model, Optimizer optimizer, RunState state,
                             JsonObject params, Map<String, Tensor> run, String runState, Map<String, String> notes)
            throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            tensors.put(p.name(), new Tensor(p.shape(), p.data().clone()));
        }
        for (Map.Entry<String, Tensor> e : optimizer.stateDict().entrySet()) {
            tensors.put(OPTIMIZER_PREFIX + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Tensor> e : run.entrySet()) {
            tensors.put(RUN_PREFIX + e.getKey(), e.getValue());
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("task", task);
        meta.put("hmem_version", HmemVersion.current());
        meta.put("epoch", Integer.toString(state.nextEpoch()));
        meta.put("best_metric", state.bestMetric());
        meta.put("best_value", Double.toString(state.bestValue()));
        String referenceKey = REFERENCE_BEST_KEYS.get(state.bestMetric());
        if (referenceKey != null) {
            meta.put(referenceKey, Double.toString(state.bestValue()));
        }
        meta.put("time_stamp", state.timeStamp());
        meta.put("log_dir", state.logDir());
        meta.put("saved_at", Instant.now().toString());
        meta.put("params", params.toString());
        if (runState != null) {
            meta.put(RUN_STATE, runState);
        }
        meta.putAll(notes);
        Safetensors.write(file, tensors, meta);
    }

    /** Reads a checkpoint; a missing or foreign file is a {@link UserError} naming it. */
    public static Loaded load(Path file) {
        SafetensorsFile f;
        try {
            f = Safetensors.read(file);
        } catch (NoSuchFileException e) {
            throw new UserError("checkpoint not found: " + file);
        } catch (CheckpointFormatException e) {
            throw new UserError("not a valid checkpoint: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> meta = f.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new UserError(file + " is not an hmem training checkpoint (metadata format is "
                    + meta.getOrDefault("format", "missing") + ", expected " + FORMAT + ")");
        }
        Map<String, Tensor> model = new LinkedHashMap<>();
        Map<String, Tensor> optimizer = new LinkedHashMap<>();
        Map<String, Tensor> run = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : f.tensors().entrySet()) {
            if (e.getKey().startsWith(OPTIMIZER_PREFIX)) {
                optimizer.put(e.getKey().substring(OPTIMIZER_PREFIX.length()), e.getValue());
            } else if (e.getKey().startsWith(RUN_PREFIX)) {
                run.put(e.getKey().substring(RUN_PREFIX.length()), e.getValue());
            } else {
                model.put(e.getKey(), e.getValue());
            }
        }
        // files of version 0.1.0 name only the reference's best_acc
        String bestMetric = meta.getOrDefault("best_metric", Metric.ACCURACY.tag());
        String bestKey = meta.containsKey("best_value") ? "best_value" : "best_acc";
        int epoch = (int) number(meta, "epoch", file);
        if (epoch < 0) {
            throw corrupt(file, "epoch", "is negative: " + epoch);
        }
        RunState state = new RunState(epoch, bestMetric, number(meta, bestKey, file), text(meta, "time_stamp", file),
                meta.getOrDefault("log_dir", ""));
        JsonElement params;
        try {
            params = JsonParser.parseString(text(meta, "params", file));
        } catch (JsonParseException e) {
            throw corrupt(file, "params", "is not JSON");
        }
        if (!params.isJsonObject()) {
            throw corrupt(file, "params", "is not a JSON object of flag values");
        }
        return new Loaded(file, text(meta, "task", file), state, params.getAsJsonObject(), model, optimizer, run,
                meta);
    }

    private static String text(Map<String, String> meta, String field, Path file) {
        String v = meta.get(field);
        if (v == null) {
            throw corrupt(file, field, "is missing");
        }
        return v;
    }

    /** An integer field (epoch) or a number (best value; NaN and infinities spelt as Java writes them). */
    private static double number(Map<String, String> meta, String field, Path file) {
        String v = text(meta, field, file);
        try {
            return field.equals("epoch") ? Integer.parseInt(v.trim()) : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw corrupt(file, field, "is not a number: '" + v + "'");
        }
    }

    private static UserError corrupt(Path file, String field, String problem) {
        return new UserError("damaged checkpoint " + file + ": metadata field '" + field + "' " + problem);
    }

    /**
     * The checkpoint a plot command shows, or null when {@code file} is null: read, checked to belong to a task whose
     * name starts with {@code task}, and summarised on {@code out}.
     */
    public static Loaded forPlot(String file, String task, PrintStream out) {
        if (file == null) {
            return null;
        }
        Loaded ckpt = forTask(Path.of(file), task);
        out.printf(Locale.ROOT, "=> checkpoint %s: best val %s %s, next epoch %d%n", file, ckpt.state().bestMetric(),
                ckpt.state().bestValue(), ckpt.state().nextEpoch());
        return ckpt;
    }

    /**
     * Loads {@code file} ({@code null}: no checkpoint, null returned), refusing a checkpoint of another task: its task
     * name must start with {@code task} (so a task's ReLU variant, {@code <task>_relu}, passes).
     */
    public static Loaded forTask(Path file, String task) {
        if (file == null) {
            return null;
        }
        Loaded ckpt = load(file);
        if (!ckpt.task().startsWith(task)) {
            throw new UserError("checkpoint " + file + " belongs to task '" + ckpt.task() + "', not '" + task + "'");
        }
        return ckpt;
    }

    /** Refuses a checkpoint of another task. */
    public static void requireTask(Loaded ckpt, String task) {
        if (!task.equals(ckpt.task())) {
            throw new UserError("checkpoint " + ckpt.file() + " belongs to task '" + ckpt.task() + "', not '" + task
                    + "'");
        }
    }

    /** Copies the stored tensors into the model; every name must match in both directions (a strict load). */
    public static void loadModel(Loaded ckpt, Module model) {
        Map<String, Parameter> params = model.namedParameters();
        Set<String> missing = new TreeSet<>(params.keySet());
        missing.removeAll(ckpt.model().keySet());
        Set<String> unexpected = new TreeSet<>(ckpt.model().keySet());
        unexpected.removeAll(params.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new UserError("checkpoint " + ckpt.file() + " does not fit this model: missing " + missing
                    + ", unexpected " + unexpected);
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor t = ckpt.model().get(e.getKey());
            for (float x : t.data()) {
                if (!Float.isFinite(x)) {
                    throw new UserError("checkpoint " + ckpt.file() + ": " + e.getKey() + " holds a non-finite value ("
                            + x + "); the run that wrote it had diverged");
                }
            }
            Parameter p = e.getValue();
            if (!java.util.Arrays.equals(t.shape(), p.shape())) {
                throw new UserError("checkpoint " + ckpt.file() + ": " + e.getKey() + " has shape "
                        + java.util.Arrays.toString(t.shape()) + ", the model needs "
                        + java.util.Arrays.toString(p.shape()));
            }
            p.set(t.data());
        }
    }

    /** Restores the optimiser state (moments, step count). */
    public static void loadOptimizer(Loaded ckpt, Optimizer optimizer) {
        try {
            optimizer.loadStateDict(ckpt.optimizer());
        } catch (IllegalArgumentException e) {
            throw new UserError("checkpoint " + ckpt.file() + ": " + e.getMessage(), e);
        }
    }
}
