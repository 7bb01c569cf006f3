package org.hmem.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.hmem.engine.simd.Simd;
import org.hmem.task.bench.TrainingBenchmark;
import org.hmem.task.bench.TrainingBenchmark.Config;
import org.hmem.task.bench.TrainingBenchmark.Mode;
import org.hmem.task.bench.TrainingBenchmark.Result;
import org.hmem.task.bench.TrainingBenchmark.Settings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hmem bench}: throughput (samples/s) and peak memory of the memorizing-associations training step and
 * forward pass over a grid of batch sizes, numbers of pairs and thread counts.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Throughput and peak memory of the memorizing-associations training step and forward pass.",
                "Benchmarks the spiking memorizing-associations model at its defaults (F 10, C 10, E 80, M 100, "
                + "T 100, delay 1): samples/s of the training step (forward + cross-entropy + activity regulariser "
                + "with l2 = 1e-5 in its two-pass flow + backward + clipping + Adam) and of the forward pass, with "
                + "median and spread over repeated timed iterations, peak heap and peak RSS.",
                "Each configuration runs in a fresh child JVM (same JVM options) so that its peak RSS is its own; "
                + "--in-process measures all in this JVM (RSS then cumulative).",
                "For SIMD kernels start the JVM with --add-modules jdk.incubator.vector."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--mode", split = ",", paramLabel = "train|forward",
            description = "Modes to measure (default: train,forward).")
    List<String> modes = new ArrayList<>(List.of("train", "forward"));

    @Option(names = "--batch", split = ",", paramLabel = "B", description = "Batch sizes (default: 8,32,512).")
    List<Integer> batches = new ArrayList<>(List.of(8, 32, 512));

    @Option(names = "--pairs", split = ",", paramLabel = "L",
            description = "Numbers of pairs; more than 10 uses as many classes (default: 1,10,30).")
    List<Integer> pairs = new ArrayList<>(List.of(1, 10, 30));

    @Option(names = "--threads", split = ",", paramLabel = "N",
            description = "Worker thread counts (default: 1 and all cores).")
    List<Integer> threads;

    @Option(names = "--quick", description = "Short run: batch 32, 10 pairs, shorter repetition policy "
            + "(explicit --batch/--pairs still apply).")
    boolean quick;

    @Option(names = "--json", description = "Print one JSON object per configuration (JSON lines) instead of a table.")
    boolean json;

    @Option(names = "--in-process", description = "Measure every configuration in this JVM (no child processes).")
    boolean inProcess;

    @Option(names = "--min-reps", paramLabel = "N", description = "Timed iterations wanted per configuration.")
    Integer minReps;

    @Option(names = "--min-seconds", paramLabel = "S", description = "Minimum timed duration per configuration.")
    Double minSeconds;

    @Option(names = "--max-seconds", paramLabel = "S",
            description = "After this much timed work, stop once the floor number of iterations is reached.")
    Double maxSeconds;

    @Option(names = "--warmup-seconds", paramLabel = "S", description = "Minimum warm-up time per configuration.")
    Double warmupSeconds;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the model initialisation and the data.")
    Long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean batchGiven = spec.commandLine().getParseResult().hasMatchedOption("--batch");
        boolean pairsGiven = spec.commandLine().getParseResult().hasMatchedOption("--pairs");
        if (quick) {
            if (!batchGiven) {
                batches = List.of(32);
            }
            if (!pairsGiven) {
                pairs = List.of(10);
            }
        }
        List<Integer> threadCounts = threads;
        if (threadCounts == null) {
            int all = Runtime.getRuntime().availableProcessors();
            threadCounts = all > 1 ? List.of(1, all) : List.of(1);
        }
        List<Mode> modeList = new ArrayList<>();
        for (String m : modes) {
            modeList.add(Mode.parse(m));
        }
        Settings base = quick ? Settings.quick() : Settings.defaults();
        Settings s = new Settings(base.warmupReps(), warmupSeconds != null ? warmupSeconds : base.warmupSeconds(),
                minReps != null ? minReps : base.minReps(), minSeconds != null ? minSeconds : base.minSeconds(),
                maxSeconds != null ? maxSeconds : base.maxSeconds(),
                Math.min(base.floorReps(), minReps != null ? minReps : base.floorReps()),
                seed != null ? seed : base.seed(), base.l2(), base.maxGradNorm(), base.learningRate());
        List<Config> grid = TrainingBenchmark.grid(modeList, batches, pairs, threadCounts);
        if (!json) {
            out.println("# hmem bench: " + grid.size() + " configurations, kernels " + Simd.describe() + ", Java "
                    + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                    + " cpus" + (inProcess ? ", in-process (RSS cumulative)" : ", one JVM per configuration"));
            out.println(Result.header());
            out.flush();
        }
        for (Config c : grid) {
            Result r;
            try {
                r = inProcess ? TrainingBenchmark.run(c, s) : TrainingBenchmark.runForked(c, s);
            } catch (RuntimeException e) {
                err.println("bench: " + c + " failed: " + e);
                return 1;
            }
            out.println(json ? r.toJson() : r.toRow());
            out.flush();
        }
        return 0;
    }
}
