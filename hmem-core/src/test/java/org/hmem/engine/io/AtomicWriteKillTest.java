package org.hmem.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint writer killed with SIGKILL in the middle of a save must leave the last complete checkpoint readable:
 * the situation of a training run that is pre-empted or runs out of memory while saving.
 */
class AtomicWriteKillTest {

    /** 64 MB of float32: large enough that a write takes a while, so the kill lands inside one. */
    private static final int FLOATS = 16 * 1024 * 1024;
    private static final long WAIT_MS = 15_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void killedWriterLeavesTheLastCompleteCheckpointReadable() throws Exception {
        Path target = dir.resolve("checkpoint.safetensors");
        // three kills at different moments of the second write of each child
        long[] delaysMs = {0, 15, 40};
        int interrupted = 0;
        for (int round = 0; round < delaysMs.length; round++) {
            int base = 100 * round;
            int lastBegun = runAndKill(target, base, delaysMs[round]);

            SafetensorsFile read = Safetensors.read(target);
            int version = Integer.parseInt(read.metadata().get("version"));
            assertTrue(version >= base + 1 && version <= lastBegun,
                    "round " + round + ": read version " + version + ", expected " + (base + 1) + ".." + lastBegun);
            if (version < lastBegun) {
                interrupted++;
            }
            float[] values = read.tensor("values").data();
            assertEquals(FLOATS, values.length);
            for (int i = 0; i < values.length; i++) {
                if (values[i] != version) {
                    fail("round " + round + ": value " + i + " is " + values[i] + " in checkpoint version " + version);
                }
            }
            for (String name : namesIn(dir)) {
                assertTrue(name.equals("checkpoint.safetensors") || name.startsWith(".checkpoint.safetensors.tmp"),
                        "unexpected file " + name);
            }
        }
        assertTrue(interrupted > 0, "no kill landed before the write in flight completed; the test proved nothing");
    }

    /**
     * Starts a child writing versions base+1, base+2, ..., waits until it has finished the first and begun the
     * second, waits {@code delayMs} more, kills it, and returns the highest version it had begun.
     */
    private static int runAndKill(Path target, int base, long delayMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CheckpointWriterChild.class.getName(), target.toString(), Integer.toString(FLOATS),
                Integer.toString(base))
                .redirectErrorStream(true)
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the child was killed; its pipe closing is expected
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
        StringBuilder seen = new StringBuilder();
        int lastBegun = base;
        try {
            long deadline = System.currentTimeMillis() + WAIT_MS;
            String second = "begin " + (base + 2);
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                if (line == null) {
                    fail("child did not begin its second write within " + WAIT_MS + " ms; it printed:\n" + seen);
                }
                seen.append(line).append('\n');
                if (line.startsWith("begin ")) {
                    lastBegun = Integer.parseInt(line.substring(6));
                }
                if (line.equals(second)) {
                    break;
                }
            }
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        for (String line; (line = lines.poll()) != null; ) {
            if (line.startsWith("begin ")) {
                lastBegun = Integer.parseInt(line.substring(6));
            }
        }
        return lastBegun;
    }

    private static List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
    }
}
