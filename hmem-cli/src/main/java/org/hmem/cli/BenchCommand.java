package org.hmem.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hmem.engine.simd.Simd;
import org.hmem.task.bench.BenchSettings;
import org.hmem.task.bench.ProcessMemory;
import org.hmem.task.concentration.ConcentrationBench;
import org.hmem.task.bench.Mode;
import org.hmem.task.bench.OmniglotBenchmark;
import org.hmem.task.bench.CrossModalBenchmark;
import org.hmem.task.bench.CrossModalSetup;
import org.hmem.task.bench.EpisodeBenchmark;
import org.hmem.task.bench.EpisodeBenchmark.Variant;
import org.hmem.task.bench.OmniglotComponents;
import org.hmem.task.bench.OmniglotSetup;
import org.hmem.task.bench.Repetitions;
import org.hmem.task.bench.TrainingBenchmark;
import org.hmem.task.flags.UserError;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hmem bench}: throughput and peak memory of the training step and forward pass of the memorizing-associations
 * model (the default) or, with {@code --task omniglot} or {@code cross-modal}, of those tasks' models, over a grid of
 * configurations.
 * Options of one task are refused for the other.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Throughput and peak memory of the training step and forward pass of a task's model.",
                "--task associations (default): the spiking memorizing-associations model at its defaults (F 10, "
                + "C 10, E 80, M 100, T 100, delay 1), samples/s of the training step (forward + cross-entropy + "
                + "activity regulariser with l2 = 1e-5 in its two-pass flow + backward + clipping + Adam) and of the "
                + "forward pass.",
                "--task omniglot: the Omniglot models on real images (5-way, T 100, training split), episodes/s, "
                + "per variant: trainable (spiking, shipped CNN trained), frozen (--freeze_protonet 1, no spike "
                + "cache), cached (frozen with a warm spike cache; reports the cost of filling it), relu (ReLU "
                + "baseline from scratch with batch norm); then how an episode's time splits between CNN, memory "
                + "and backward (--no-components to skip).",
                "--task cross-modal: the cross-modal models on real recordings and images (3 pairs, T 100, training"
                + " episodes), episodes/s, variants as for omniglot (both CNNs trainable, frozen, cached; relu).",
                "--task concentration: the reinforcement-learning task at its defaults (4 cards, 64 environments, T"
                + " 100, rollouts of 10 steps, PPO 4 x 16 minibatches): acting env steps/s, seconds per PPO update"
                + " and whole-training env steps/s next to the reference's, in this JVM (--variant spiking,relu).",
                "Figures: median and spread over repeated timed iterations, peak heap, peak RSS, CPU of this and of "
                + "other processes. Each configuration runs in a fresh child JVM (same JVM options) so that its peak "
                + "RSS is its own; --in-process measures all in this JVM (RSS then cumulative).",
                "For SIMD kernels start the JVM with --add-modules jdk.incubator.vector."})
public final class BenchCommand implements Callable<Integer> {

    private static final String ASSOCIATIONS = "associations";
    private static final String OMNIGLOT = "omniglot";
    private static final String CROSS_MODAL = "cross-modal";
    private static final String CONCENTRATION = "concentration";
    /** Options that only some tasks have: given for another task, they are refused. */
    /** The tasks measured by timed loops of a model's step (not Concentration's rounds). */
    private static final List<String> TIMED_LOOPS = List.of(ASSOCIATIONS, OMNIGLOT, CROSS_MODAL);

    /** The tasks whose benchmark reads an option: given for another task, it is an error rather than ignored. */
    private static final Map<String, List<String>> OPTION_TASKS = Map.ofEntries(
            Map.entry("--pairs", List.of(ASSOCIATIONS)),
            Map.entry("--variant", List.of(OMNIGLOT, CROSS_MODAL, CONCENTRATION)),
            Map.entry("--dir", List.of(OMNIGLOT, CROSS_MODAL)),
            Map.entry("--protonet_checkpoint_path", List.of(OMNIGLOT)),
            Map.entry("--no-components", List.of(OMNIGLOT)),
            // the Concentration benchmark times fixed rounds of its defaults
            Map.entry("--batch", TIMED_LOOPS),
            Map.entry("--mode", TIMED_LOOPS),
            Map.entry("--min-reps", TIMED_LOOPS),
            Map.entry("--min-seconds", TIMED_LOOPS),
            Map.entry("--max-seconds", TIMED_LOOPS),
            Map.entry("--warmup-seconds", TIMED_LOOPS),
            Map.entry("--seed", TIMED_LOOPS));

    @Spec
    CommandSpec spec;

    @Option(names = "--task", paramLabel = "associations|omniglot|cross-modal|concentration",
            description = "The task whose model is measured (default: associations).")
    String task = ASSOCIATIONS;

    @Option(names = "--mode", split = ",", paramLabel = "train|forward",
            description = "Modes to measure (default: train,forward).")
    List<String> modes = new ArrayList<>(List.of("train", "forward"));

    @Option(names = "--batch", split = ",", paramLabel = "B",
            description = "Batch sizes (default: associations 8,32,512; omniglot 8,256).")
    List<Integer> batches;

    @Option(names = "--pairs", split = ",", paramLabel = "L",
            description = "Associations: numbers of pairs; more than 10 uses as many classes (default: 1,10,30).")
    List<Integer> pairs;

    @Option(names = "--variant", split = ",", paramLabel = "trainable|frozen|cached|relu",
            description = "Omniglot, cross-modal: variants to measure (default: all four); concentration: spiking, "
                    + "relu (default: both).")
    List<String> variants;

    @Option(names = "--threads", split = ",", paramLabel = "N",
            description = "Worker thread counts (default: 1 and all cores).")
    List<Integer> threads;

    @Option(names = "--quick", description = "Short run: batch 32 and 10 pairs (omniglot: batch 8), shorter "
            + "repetition policy (explicit --batch/--pairs still apply).")
    boolean quick;

    @Option(names = "--json", description = "Print one JSON object per configuration (JSON lines) instead of a table.")
    boolean json;

    @Option(names = "--in-process", description = "Measure every configuration in this JVM (no child processes).")
    boolean inProcess;

    @Option(names = "--dir", paramLabel = "DIR", description = "Omniglot, cross-modal: the data folder (default: "
            + "as for 'hmem omniglot' or 'hmem cross-modal': $HMEM_OMNIGLOT_DIR or $HMEM_CROSS_MODAL_DIR, else ./data).")
    String dir;

    @Option(names = {"--protonet_checkpoint_path", "--protonet-checkpoint-path"}, paramLabel = "FILE",
            description = "Omniglot: the pretrained prototypical network (default: the shipped one, found as "
                    + "'hmem omniglot' finds it).")
    String protonet;

    @Option(names = "--no-components", description = "Omniglot: skip the breakdown of an episode's time into CNN, "
            + "memory and backward.")
    boolean noComponents;

    @Option(names = "--min-reps", paramLabel = "N", description = "Timed iterations wanted per configuration.")
    Integer minReps;

    @Option(names = "--min-seconds", paramLabel = "S", description = "Minimum timed duration per configuration.")
    Double minSeconds;

    @Option(names = "--max-seconds", paramLabel = "S",
            description = "After this much timed work, stop once the floor number of iterations is reached.")
    Double maxSeconds;

    @Option(names = "--warmup-seconds", paramLabel = "S", description = "Minimum warm-up time per configuration.")
    Double warmupSeconds;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the model initialisation (associations: and "
            + "of the data).")
    Long seed;

    /** One measured configuration's output line. */
    @FunctionalInterface
    private interface Measure<C> {
        String line(C config) throws IOException, InterruptedException;
    }

    @Override
    public Integer call() throws Exception {
        if (!List.of(ASSOCIATIONS, OMNIGLOT, CROSS_MODAL, CONCENTRATION).contains(task)) {
            throw new UserError("unknown --task '" + task + "': expected " + ASSOCIATIONS + ", " + OMNIGLOT + ", "
                    + CROSS_MODAL + " or " + CONCENTRATION);
        }
        for (Map.Entry<String, List<String>> e : OPTION_TASKS.entrySet()) {
            if (!e.getValue().contains(task) && spec.commandLine().getParseResult().hasMatchedOption(e.getKey())) {
                List<String> tasks = e.getValue();
                String names = tasks.size() == 1 ? tasks.get(0) : String.join(", ", tasks.subList(0,
                        tasks.size() - 1)) + " and " + tasks.get(tasks.size() - 1);
                throw new UserError(e.getKey() + " applies to --task " + names + " only");
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
        Repetitions reps = (quick ? Repetitions.quick() : Repetitions.defaults()).with(minReps, minSeconds,
                maxSeconds, warmupSeconds);
        return switch (task) {
            case CONCENTRATION -> concentration(threadCounts);
            case OMNIGLOT -> omniglot(modeList, threadCounts, reps);
            case CROSS_MODAL -> crossModal(modeList, threadCounts, reps);
            default -> associations(modeList, threadCounts, reps);
        };
    }

    /** The Concentration task's phases at its defaults, spiking and ReLU, in this JVM. */
    private int concentration(List<Integer> threadCounts) {
        List<String> models = variants != null ? variants : List.of("spiking", "relu");
        int rounds = quick ? 2 : 5;
        if (!json) {
            System.out.println("# hmem bench --task concentration: 4 cards, 64 environments, T 100, rollouts of 10 "
                    + "steps, " + rounds + " rounds after one warm-up round");
        }
        // with --json the rounds' times are in the object instead of on their own lines
        PrintStream progress = json ? new PrintStream(OutputStream.nullOutputStream()) : System.out;
        for (String model : models) {
            for (int t : threadCounts) {
                ConcentrationBench.Result r = ConcentrationBench.run(model, t, rounds, progress);
                double rss = ProcessMemory.peakRssMiB();
                System.out.println(json ? r.toJson(rss) : ConcentrationBench.table(r, rss));
            }
        }
        return 0;
    }

    private int associations(List<Mode> modeList, List<Integer> threadCounts, Repetitions reps)
            throws IOException, InterruptedException {
        List<Integer> batchList = batches != null ? batches : quick ? List.of(32) : List.of(8, 32, 512);
        List<Integer> pairList = pairs != null ? pairs : quick ? List.of(10) : List.of(1, 10, 30);
        BenchSettings s = seeded(TrainingBenchmark.settings(reps));
        List<TrainingBenchmark.Config> grid = TrainingBenchmark.grid(modeList, batchList, pairList, threadCounts);
        header("# hmem bench: " + grid.size() + " configurations", TrainingBenchmark.Result.header());
        return measureAll(grid, c -> {
            TrainingBenchmark.Result r = inProcess ? TrainingBenchmark.run(c, s) : TrainingBenchmark.runForked(c, s);
            return json ? r.toJson() : r.toRow();
        });
    }

    private int omniglot(List<Mode> modeList, List<Integer> threadCounts, Repetitions reps)
            throws IOException, InterruptedException {
        List<Variant> variantList = variants == null ? List.of(Variant.values())
                : variants.stream().map(Variant::parse).toList();
        List<Integer> batchList = batches != null ? batches : quick ? List.of(8) : List.of(8, 256);
        List<EpisodeBenchmark.Config> grid = EpisodeBenchmark.grid(variantList, modeList, batchList,
                threadCounts);
        boolean spiking = !noComponents || variantList.stream().anyMatch(v -> v != Variant.RELU);
        OmniglotSetup setup = OmniglotSetup.resolve(dir, protonet, spiking);
        BenchSettings s = seeded(OmniglotBenchmark.settings(reps));
        header("# hmem bench --task omniglot: " + grid.size() + " configurations (5-way, T 100, real images)",
                EpisodeBenchmark.Result.header());
        int rc = measureAll(grid, c -> {
            EpisodeBenchmark.Result r = inProcess ? OmniglotBenchmark.run(c, s, setup)
                    : OmniglotBenchmark.runForked(c, s, setup);
            return json ? r.toJson() : r.toRow();
        });
        if (rc != 0 || noComponents) {
            return rc;
        }
        int batch = Collections.min(batchList);
        return measureAll(List.of("the components"), what -> {
            OmniglotComponents c = inProcess ? OmniglotComponents.measure(setup, s, batch)
                    : OmniglotComponents.measureForked(setup, s, batch);
            return json ? c.toJson() : System.lineSeparator() + c.table().stripTrailing();
        });
    }

    private int crossModal(List<Mode> modeList, List<Integer> threadCounts, Repetitions reps)
            throws IOException, InterruptedException {
        List<Variant> variantList = variants == null ? List.of(Variant.values())
                : variants.stream().map(Variant::parse).toList();
        List<Integer> batchList = batches != null ? batches : quick ? List.of(8) : List.of(8, 256);
        List<EpisodeBenchmark.Config> grid = EpisodeBenchmark.grid(variantList, modeList, batchList, threadCounts);
        CrossModalSetup setup = CrossModalSetup.resolve(dir, variantList.stream().anyMatch(v -> v != Variant.RELU));
        BenchSettings s = seeded(CrossModalBenchmark.settings(reps));
        header("# hmem bench --task cross-modal: " + grid.size() + " configurations (3 pairs, T 100, real FSDD and"
                + " MNIST)", EpisodeBenchmark.Result.header());
        return measureAll(grid, c -> {
            EpisodeBenchmark.Result r = inProcess ? CrossModalBenchmark.run(c, s, setup)
                    : CrossModalBenchmark.runForked(c, s, setup);
            return json ? r.toJson() : r.toRow();
        });
    }

    private BenchSettings seeded(BenchSettings s) {
        return seed != null ? s.withSeed(seed) : s;
    }

    private void header(String title, String columns) {
        if (json) {
            return;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(title + ", kernels " + Simd.describe() + ", Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cpus"
                + (inProcess ? ", in-process (RSS cumulative)" : ", one JVM per configuration"));
        out.println(columns);
        out.flush();
    }

    /** Prints each measurement's line as it comes; a failed measurement ends the run with status 1. */
    private <C> int measureAll(List<C> items, Measure<C> measure) throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        for (C c : items) {
            String line;
            try {
                line = measure.line(c);
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("bench: " + c + " failed: " + e);
                return 1;
            }
            out.println(line);
            out.flush();
        }
        return 0;
    }
}
