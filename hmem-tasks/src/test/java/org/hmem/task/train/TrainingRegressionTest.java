package org.hmem.task.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.hmem.engine.golden.GoldenFiles;
import org.hmem.engine.io.Safetensors;
import org.hmem.engine.simd.Simd;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.associations.AssociationsFlags;
import org.hmem.task.associations.AssociationsTask;
import org.hmem.task.babi.BabiFlags;
import org.hmem.task.babi.BabiTask;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.model.MemoryFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refactorings must not change a single bit of training: a fixed-seed short run of each task (two epochs, so both
 * the plain and the regularised training step run) gives the losses, accuracies and final parameters and optimiser
 * moments recorded in {@code training-regression.json} when hmem was at d1c7a79 (the SIMD entries again when the
 * reading layer's feedback gradient became a sum of weight rows, {@code FloatOps.addTransposedRowDots}, which changes
 * the rounding of that SIMD reduction; the losses and accuracies stayed the same).
 *
 * <p>Values depend on the kernels: the scalar loops give the same bits on every machine and are always checked (the
 * surefire run with {@code -Dhmem.simd=false}); the SIMD kernels' reductions depend on the vector width, so the SIMD
 * record is checked where the width matches the recorded one. {@code -Dhmem.regression.record=true} rewrites the
 * entry of the kernels in use instead of checking it.
 */
class TrainingRegressionTest {

    private static final Path RECORD = GoldenFiles.repoRoot().resolve(
            "hmem-tasks/src/test/resources/org/hmem/task/train/training-regression.json");

    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void spikingAssociationsRunIsBitIdenticalToTheRecord(@TempDir Path dir) throws IOException {
        FlagValues o = AssociationsFlags.TRAIN.defaults()
                .with(AssociationsFlags.SEQUENCE_LENGTH, 2)
                .with(AssociationsFlags.NUM_CLASSES, 3)
                .with(AssociationsFlags.NUM_TIME_STEPS, 40)
                .with(TrainingFlags.BATCH_SIZE, 8)
                .with(AssociationsFlags.TRAIN_SIZE, 24)
                .with(AssociationsFlags.VAL_SIZE, 16)
                .with(AssociationsFlags.TEST_SIZE, 16)
                .with(TrainingFlags.EPOCHS, 2);
        AssociationsTask.run(configureRun(o, dir), out);
        check("associations", fingerprint(dir));
    }

    @Test
    void babiRunIsBitIdenticalToTheRecord(@TempDir Path dir) throws IOException {
        Path data = GoldenFiles.shared().resolve("data/babi");
        assumeTrue(Files.isDirectory(data), "bAbI data not available at " + data);
        FlagValues o = BabiFlags.TRAIN.defaults()
                .with(BabiFlags.DIR, data.toString())
                .with(BabiFlags.TEN_K, 0)
                .with(BabiFlags.TASK, "1")
                .with(BabiFlags.SENTENCE_DURATION, 40)
                .with(MemoryFlags.READOUT_DELAY, 5)
                .with(TrainingFlags.BATCH_SIZE, 128)
                .with(TrainingFlags.EPOCHS, 2);
        BabiTask.run(configureRun(o, dir), out);
        check("babi", fingerprint(dir));
    }

    private static FlagValues configureRun(FlagValues c, Path dir) {
        c = c.with(TrainingFlags.PRINT_FREQ, 0);
        c = c.with(TrainingFlags.SEED, 7L);
        c = c.with(TrainingFlags.THREADS, 2);
        c = c.with(TrainingFlags.LOGGING, true);
        c = c.with(TrainingFlags.CHECKPOINT_DIR, dir.resolve("ck").toString());
        return c.with(TrainingFlags.RUNS_DIR, dir.resolve("runs").toString());
    }

    /** Every logged scalar (exact decimal form) and hashes of the last checkpoint's model and optimiser tensors. */
    private static JsonObject fingerprint(Path dir) throws IOException {
        JsonObject f = new JsonObject();
        Path runs = dir.resolve("runs");
        Path csv;
        try (var s = Files.walk(runs)) {
            csv = s.filter(p -> p.getFileName().toString().equals("scalars.csv")).findFirst().orElseThrow();
        }
        JsonObject scalars = new JsonObject();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] cols = line.split(",");
            if (!cols[2].equals("Misc/lr")) {
                scalars.addProperty(cols[2] + "@" + cols[1], cols[3]);
            }
        }
        f.add("scalars", scalars);
        Path ckpt;
        try (var s = Files.list(dir.resolve("ck"))) {
            ckpt = s.filter(p -> !p.getFileName().toString().contains("_best")).findFirst().orElseThrow();
        }
        Map<String, Tensor> model = new TreeMap<>();
        Map<String, Tensor> optimizer = new TreeMap<>();
        for (Map.Entry<String, Tensor> e : Safetensors.read(ckpt).tensors().entrySet()) {
            (e.getKey().startsWith("optimizer.") ? optimizer : model).put(e.getKey(), e.getValue());
        }
        f.addProperty("model_sha256", sha256(model));
        f.addProperty("optimizer_sha256", sha256(optimizer));
        f.addProperty("model_tensors", String.join(" ", model.keySet()));
        return f;
    }

    private static String sha256(Map<String, Tensor> tensors) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                for (int d : e.getValue().shape()) {
                    md.update(Integer.toString(d).getBytes(StandardCharsets.UTF_8));
                }
                for (float v : e.getValue().data()) {
                    int bits = Float.floatToRawIntBits(v);
                    md.update(new byte[] {(byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24)});
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String kernels() {
        return Simd.enabled() ? Simd.describe() : "scalar";
    }

    private static void check(String run, JsonObject actual) throws IOException {
        JsonObject record = Files.exists(RECORD) ? JsonParser.parseString(Files.readString(RECORD)).getAsJsonObject()
                : new JsonObject();
        String key = run + " / " + kernels();
        if (Boolean.getBoolean("hmem.regression.record")) {
            record.add(key, actual);
            Files.createDirectories(RECORD.getParent());
            Files.writeString(RECORD, new GsonBuilder().setPrettyPrinting().create().toJson(sorted(record)) + "\n");
            return;
        }
        assumeTrue(record.has(key), "no record for " + key + " (recorded: " + record.keySet() + ")");
        JsonObject expected = record.getAsJsonObject(key);
        List<String> diffs = new ArrayList<>();
        for (String k : expected.keySet()) {
            if (!expected.get(k).equals(actual.get(k))) {
                diffs.add(k + ": expected " + expected.get(k) + ", got " + actual.get(k));
            }
        }
        assertEquals(List.of(), diffs, "training of " + key + " differs from the record");
    }

    private static JsonObject sorted(JsonObject o) {
        JsonObject s = new JsonObject();
        new TreeMap<>(o.asMap()).forEach(s::add);
        return s;
    }
}
