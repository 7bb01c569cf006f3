package org.hmem.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hmem.cli.Main;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.train.RunCheckpoint;

/** Short associations training runs through the command line, and comparisons of their checkpoints. */
final class Runs {

    /** A small spiking model whose loss moves within two epochs (epoch 1 adds the activity regulariser). */
    static final List<String> SMALL = List.of("--sequence_length", "3", "--feature_size", "12", "--num_classes", "6",
            "--embedding_size", "24", "--memory_size", "16", "--num_time_steps", "50", "--batch_size", "12",
            "--train_size", "36", "--val_size", "12", "--test_size", "12", "--seed", "3", "--print_freq", "0");

    private Runs() {
    }

    /** What a run printed and the last checkpoint it wrote. */
    record Outcome(int exitCode, String output, Path checkpoint) {

        RunCheckpoint.Loaded load() {
            return RunCheckpoint.load(checkpoint);
        }
    }

    /** {@code hmem associations SMALL extra} with checkpoints in {@code dir}, stdout and stderr captured. */
    static synchronized Outcome associations(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("associations"));
        args.addAll(SMALL);
        args.addAll(List.of("--checkpoint_dir", dir.resolve("ck").toString(), "--runs_dir",
                dir.resolve("runs").toString()));
        args.addAll(List.of(extra));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code;
        try {
            System.setOut(capture);
            System.setErr(capture);
            code = Main.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        return new Outcome(code, printed, last(dir.resolve("ck")));
    }

    /** The newest checkpoint that is not a best one, or null. */
    static Path last(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".safetensors") && !p.toString().endsWith(
                    "_best.safetensors")).max((a, b) -> Long.compare(a.toFile().lastModified(),
                    b.toFile().lastModified())).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Model and optimiser tensors of the two checkpoints are equal to the bit. */
    static void assertSameBits(Outcome a, Outcome b) {
        RunCheckpoint.Loaded x = a.load();
        RunCheckpoint.Loaded y = b.load();
        assertEquals(x.model().keySet(), y.model().keySet());
        for (Map.Entry<String, Tensor> e : x.model().entrySet()) {
            assertArrayEquals(e.getValue().data(), y.model().get(e.getKey()).data(), e.getKey());
        }
        for (Map.Entry<String, Tensor> e : x.optimizer().entrySet()) {
            assertArrayEquals(e.getValue().data(), y.optimizer().get(e.getKey()).data(), "optimizer " + e.getKey());
        }
    }

    /** Every model tensor agrees to {@code relative} of its largest entry; returns the largest such error. */
    static double assertClose(Outcome a, Outcome b, double relative) {
        double worst = 0;
        Map<String, Tensor> other = b.load().model();
        for (Map.Entry<String, Tensor> e : a.load().model().entrySet()) {
            float[] p = e.getValue().data();
            float[] q = other.get(e.getKey()).data();
            double max = 0;
            double err = 0;
            for (int i = 0; i < p.length; i++) {
                max = Math.max(max, Math.abs(p[i]));
                err = Math.max(err, Math.abs(p[i] - q[i]));
            }
            assertTrue(err <= relative * max, e.getKey() + ": error " + err + " vs largest entry " + max);
            worst = Math.max(worst, max == 0 ? 0 : err / max);
        }
        return worst;
    }

    /** The run finished (exit code 0) and wrote a checkpoint. */
    static void assertTrained(Outcome o) {
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.checkpoint() != null, "no checkpoint\n" + o.output());
    }
}
