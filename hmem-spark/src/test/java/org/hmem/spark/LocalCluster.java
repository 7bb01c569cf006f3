package org.hmem.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: a master and workers as separate JVMs on free ports, built
 * from this JVM's class path (no Spark distribution: the workers' SPARK_HOME is an empty folder, and the class path
 * reaches the executors through SPARK_DIST_CLASSPATH). {@link #close()} ends every process it started, executors
 * included.
 */
final class LocalCluster implements AutoCloseable {

    private final String masterUrl;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final List<String> workerUrls = new ArrayList<>();

    LocalCluster(Path dir, int workerCount, Duration timeout) throws IOException, InterruptedException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        List<String> jvm = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, "-Xmx256m"));
        jvm.addAll(Files.readAllLines(Path.of("spark-jvm.options")));
        int port = freePort();
        int ui = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        List<String> m = new ArrayList<>(jvm);
        m.addAll(List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--webui-port", Integer.toString(ui)));
        master = start(m, home, dir.resolve("master.log"), cp);
        for (int i = 0; i < workerCount; i++) {
            int wp = freePort();
            Path work = dir.resolve("work-" + i);
            Files.createDirectories(work);
            List<String> w = new ArrayList<>(jvm);
            w.addAll(List.of("org.apache.spark.deploy.worker.Worker", masterUrl, "--host", "127.0.0.1", "--cores",
                    "1", "--memory", "1g", "--port", Integer.toString(wp), "--webui-port",
                    Integer.toString(freePort()), "--work-dir", work.toString()));
            workers.add(start(w, home, dir.resolve("worker-" + i + ".log"), cp));
            workerUrls.add("spark://Worker@127.0.0.1:" + wp);
        }
        awaitWorkers(ui, workerCount, timeout);
    }

    String masterUrl() {
        return masterUrl;
    }

    private static Process start(List<String> command, Path home, Path log, String cp) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        // a worker builds its executors' class path from SPARK_HOME/jars/* and SPARK_DIST_CLASSPATH, and needs the
        // Scala version to find its (absent) build folders
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_DIST_CLASSPATH", cp);
        return pb.start();
    }

    /** Polls the master's JSON status page until {@code count} workers are alive. */
    private void awaitWorkers(int uiPort, int count, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/")).build();
        Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                close();
                throw new IllegalStateException("the Spark master exited");
            }
            try {
                Matcher m = alive.matcher(http.send(status, HttpResponse.BodyHandlers.ofString()).body());
                if (m.find() && Integer.parseInt(m.group(1)) >= count) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the master's web UI is still starting
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException(count + " workers did not register within " + timeout);
    }

    /** The executor JVMs the workers started (their children, and any found by worker URL once orphaned). */
    List<ProcessHandle> executors() {
        List<ProcessHandle> found = new ArrayList<>();
        for (Process w : workers) {
            w.descendants().filter(ProcessHandle::isAlive).forEach(found::add);
        }
        ProcessHandle.allProcesses().filter(p -> !found.contains(p) && hasWorkerUrl(p)).forEach(found::add);
        return found;
    }

    private boolean hasWorkerUrl(ProcessHandle p) {
        String[] args = p.info().arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--worker-url") && workerUrls.contains(args[i + 1])) {
                return true;
            }
        }
        return false;
    }

    /** Every process of the cluster that is still running. */
    List<ProcessHandle> alive() {
        List<ProcessHandle> all = new ArrayList<>();
        if (master.isAlive()) {
            all.add(master.toHandle());
        }
        for (Process w : workers) {
            if (w.isAlive()) {
                all.add(w.toHandle());
            }
        }
        all.addAll(executors());
        return all;
    }

    /**
     * Ends the cluster: the master first (so that it asks for no new executors), then the workers, whose shutdown
     * stops their executors; whatever still runs after 10 s is killed.
     */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(alive());
        for (Process w : workers) {
            all.addAll(w.descendants().toList());
        }
        master.destroy();
        workers.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillRunning) {
                p.destroyForcibly();
            }
        }
        executors().forEach(ProcessHandle::destroyForcibly);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
