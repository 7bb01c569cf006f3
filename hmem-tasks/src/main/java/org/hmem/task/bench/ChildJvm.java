package org.hmem.task.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one measurement in a fresh JVM: peak RSS ({@code VmHWM}) is a process-lifetime maximum, so only a process of
 * its own attributes it to one configuration. The child gets this JVM's options and class path, runs a benchmark
 * class's {@code main} and prints its result as one JSON line; its stderr is passed through.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Runs {@code main} with {@code args} and returns the last line of its output that starts with {@code {}.
     *
     * @param what the measurement, for the error message
     * @throws IOException if the child fails or prints no JSON line
     */
    static String run(Class<?> main, List<String> args, String what) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // recording, agents and debugging belong to the parent only
            if (a.startsWith("-XX:StartFlightRecording") || a.startsWith("-XX:FlightRecorderOptions")
                    || a.startsWith("-agentlib") || a.startsWith("-javaagent") || a.startsWith("-Xrunjdwp")) {
                continue;
            }
            cmd.add(a);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String line;
        String last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            while ((line = r.readLine()) != null) {
                if (line.startsWith("{")) {
                    last = line;
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0 || last == null) {
            throw new IOException("benchmark child for " + what + " failed with exit code " + rc);
        }
        return last;
    }
}
