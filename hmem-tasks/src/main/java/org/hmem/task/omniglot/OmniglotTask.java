package org.hmem.task.omniglot;

import static org.hmem.task.omniglot.OmniglotFlags.DIR;
import static org.hmem.task.omniglot.OmniglotFlags.ITERATIONS;
import static org.hmem.task.omniglot.OmniglotFlags.NUM_CLASSES;
import static org.hmem.task.omniglot.OmniglotFlags.SAMPLER_SEED;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.hmem.engine.conv.ThresholdBalancing;
import org.hmem.engine.io.Safetensors;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.omniglot.data.EpisodeSampler;
import org.hmem.task.omniglot.data.Episodes;
import org.hmem.task.omniglot.data.OmniglotSplit;
import org.hmem.task.omniglot.data.OmniglotSplitName;
import org.hmem.task.model.SpikeCache;
import org.hmem.task.train.ActivityRegularization;
import org.hmem.task.train.CrossEntropyObjective;
import org.hmem.task.train.MemoryBudget;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.RunSettings;
import org.hmem.task.train.SupervisedRun;
import org.hmem.task.train.TrainingFlags;
import org.hmem.task.train.TrainingOptions;

/**
 * The Omniglot one-shot task end to end (spec §4.3, §4.4, §6.2, §8.3, §8.4): resolve and check flags, load the
 * splits, build the spiking or ReLU model with the pretrained CNN and its thresholds, train or evaluate.
 */
public final class OmniglotTask {

    public static final String TASK = "omniglot_one_shot";

    private OmniglotTask() {
    }

    /** Runs with the flags the user gave ({@link OmniglotFlags#TRAIN}); a checkpoint supplies the rest. */
    public static SupervisedRun.Result run(FlagValues given, PrintStream out) {
        Path resume = TrainingFlags.resume(given);
        RunCheckpoint.Loaded ckpt = RunCheckpoint.forTask(resume, TASK);
        FlagValues v = TrainingFlags.continuing(given, ckpt, true);
        validate(v, out);
        if (v.get(TrainingFlags.SEED) == null) {
            // drawn here rather than by the run: threshold balancing below needs the initial weights too
            v = v.with(TrainingFlags.SEED, new SplittableRandom().nextLong());
        }
        OmniglotSplits splits = new OmniglotSplits(v.path(DIR), v.path(OmniglotFlags.CACHE_DIR), out);
        splits.files();
        boolean spiking = OmniglotFlags.spiking(v);
        int ways = v.get(NUM_CLASSES), batch = v.get(TrainingFlags.BATCH_SIZE), iterations = v.get(ITERATIONS);
        long samplerSeed = v.get(SAMPLER_SEED);
        int maxClasses = v.get(OmniglotFlags.MAX_CLASSES);
        OmniglotEpochData data = new OmniglotEpochData(
                () -> sampler(splits.get(OmniglotSplitName.TRAIN), ways, samplerSeed, maxClasses),
                () -> sampler(splits.get(OmniglotSplitName.VAL), ways, samplerSeed, maxClasses),
                () -> sampler(splits.get(OmniglotSplitName.TEST), ways, samplerSeed, maxClasses), batch, iterations);
        // a resumed run's CNN weights come from its checkpoint
        Map<String, Tensor> pretrained = ckpt == null && OmniglotFlags.pretrained(v)
                ? readProtoNet(OmniglotFlags.protonetFile(v), out) : null;
        String cnnOrigin = OmniglotFlags.pretrained(v) ? "pretrained" : "from scratch";
        CrossEntropyObjective<OmniglotBatch> objective = new CrossEntropyObjective<>(ways,
                (b, e) -> b.answer(e));
        if (!spiking) {
            boolean batchNorm = reluBatchNorm(ckpt, pretrained);
            OmniglotModelRelu model = new OmniglotModelRelu(OmniglotFlags.modelConfig(v), batchNorm);
            out.printf(Locale.ROOT, "omniglot one-shot (relu): %d-way, batch %d, %d iterations, CNN %s%s%s%n", ways,
                    batch, iterations, cnnOrigin, batchNorm ? " with batch norm" : "",
                    model.config().freezeCnn() ? " (frozen)" : "");
            RunSettings settings = TrainingFlags.run(v, TASK + "_relu", OmniglotFlags.suffix(v),
                    TrainingFlags.training(v, ActivityRegularization.NONE));
            return new SupervisedRun<>(model, objective, rng -> {
                model.initialize(rng);
                if (pretrained != null) {
                    model.loadPretrained(pretrained);
                }
            }, settings, out).run(data, ckpt);
        }
        if (ckpt == null && v.get(OmniglotFlags.LEARN_IF_THRESHOLDS) && v.get(OmniglotFlags.CNN_THRESHOLDS).isBlank()) {
            v = v.with(OmniglotFlags.CNN_THRESHOLDS, OmniglotFlags.formatThresholds(
                    balanceThresholds(v, pretrained, data, out)));
        }
        OmniglotModel model = spikingModel(v);
        out.printf(Locale.ROOT, "omniglot one-shot (spiking): %d-way, T %d, batch %d, %d iterations, CNN %s%s, "
                + "thresholds %s%n", ways, v.get(OmniglotFlags.NUM_TIME_STEPS), batch, iterations,
                cnnOrigin, model.config().freezeCnn() ? " (frozen)" : "",
                OmniglotFlags.formatThresholds(model.cnn().thresholds()));
        if (model.config().freezeCnn() && v.get(OmniglotFlags.SPIKE_CACHE) != 0) {
            long budget = v.get(OmniglotFlags.SPIKE_CACHE_MEMORY) * 1024L * 1024L;
            Path spill = v.path(TrainingFlags.CHECKPOINT_DIR);
            model.useSpikeCache(split -> new SpikeCache(split.numItems(), model.spikeBitsPerImage(), budget, spill));
            out.println("=> frozen CNN: each image's spikes are computed once and cached (--spike_cache 0 to "
                    + "recompute)");
        }
        ActivityRegularization reg = TrainingFlags.regularization(v, 1);
        TrainingOptions training = TrainingFlags.training(v, reg);
        RunSettings settings = TrainingFlags.run(v, TASK, OmniglotFlags.suffix(v), training);
        try {
            return new SupervisedRun<>(model, objective, rng -> initialize(model, rng, pretrained), settings, out)
                    .run(data, ckpt);
        } finally {
            String cached = model.releaseSpikeCaches();
            if (!cached.isEmpty()) {
                out.println("=> spike cache: " + cached);
            }
        }
    }

    /** The spiking model with its CNN thresholds assigned (they are settings, not parameters). */
    public static OmniglotModel spikingModel(FlagValues v) {
        return spikingModel(v, v.get(TrainingFlags.CHECKPOINT_INTERVAL));
    }

    /** As {@link #spikingModel(FlagValues)}, for commands without {@code --checkpoint_interval} (no training). */
    static OmniglotModel spikingModel(FlagValues v, int checkpointInterval) {
        OmniglotModel model = new OmniglotModel(OmniglotFlags.modelConfig(v), checkpointInterval);
        model.cnn().assignThresholds(OmniglotFlags.cnnThresholds(v), v.get(MemoryFlags.REFRACTORY_TIME_STEPS));
        return model;
    }

    /**
     * Whether the ReLU model's CNN has batch norm: as the weights it gets from the checkpoint or the pretrained file
     * (the shipped network has none, docs/DECISIONS.md); the reference's default, with it, for a CNN from scratch.
     */
    static boolean reluBatchNorm(RunCheckpoint.Loaded ckpt, Map<String, Tensor> pretrained) {
        return ckpt != null ? OmniglotModelRelu.hasBatchNorm(ckpt.model())
                : pretrained == null || OmniglotModelRelu.hasBatchNorm(pretrained);
    }

    /** A new model's parameters: the reference's initialisation, then the pretrained CNN weights if any. */
    public static void initialize(OmniglotModel model, SplittableRandom rng, Map<String, Tensor> pretrained) {
        model.initialize(rng);
        if (pretrained != null) {
            model.cnn().loadPretrained(pretrained);
        }
    }

    /**
     * Data-based threshold balancing (spec §5.3) on the query images of one pass over the training batches, with
     * the initial weights the run will start from. Returns the four thresholds.
     */
    static float[] balanceThresholds(FlagValues v, Map<String, Tensor> pretrained, OmniglotEpochData data,
                                     PrintStream out) {
        OmniglotModel model = new OmniglotModel(OmniglotFlags.modelConfig(v.with(OmniglotFlags.CNN_THRESHOLDS, "")),
                v.get(TrainingFlags.CHECKPOINT_INTERVAL));
        initialize(model, new SplittableRandom(v.get(TrainingFlags.SEED)), pretrained);
        model.cnn().assignThresholds(new float[4], 0);
        ThresholdBalancing balancing = new ThresholdBalancing(model.cnn(), v.get(MemoryFlags.REFRACTORY_TIME_STEPS));
        int batches = data.trainBatches(0);
        long start = System.nanoTime();
        float[] pixels = new float[0];
        for (int i = 0; i < batches; i++) {
            OmniglotBatch batch = data.trainBatch(0, i);
            Episodes e = batch.episodes();
            int size = model.imageEncoder().imageSize();
            if (pixels.length < e.batchSize() * size) {
                pixels = new float[e.batchSize() * size];
            }
            for (int b = 0; b < e.batchSize(); b++) {
                batch.split().pixels(e.query()[b], pixels, b * size);
            }
            balancing.balance(pixels, e.batchSize());
            out.printf(Locale.ROOT, "threshold balancing: batch %d/%d, thresholds %s (%.0f s)%n", i + 1, batches,
                    OmniglotFlags.formatThresholds(model.cnn().thresholds()), (System.nanoTime() - start) / 1e9);
        }
        return model.cnn().thresholds();
    }

    /** The split's episode sampler, over its first {@code maxClasses} classes where that is not 0. */
    private static EpisodeSampler sampler(OmniglotSplit split, int ways, long seed, int maxClasses) {
        return new EpisodeSampler(split, ways, seed, maxClasses == 0 ? split.numClasses()
                : Math.min(maxClasses, split.numClasses()));
    }

    static void validate(FlagValues v, PrintStream out) {
        v.validate();
        int maxClasses = v.get(OmniglotFlags.MAX_CLASSES);
        if (maxClasses != 0 && maxClasses < v.get(NUM_CLASSES)) {
            throw new UserError("--max_classes " + maxClasses + " is below --num_classes " + v.get(NUM_CLASSES)
                    + ": an episode needs that many distinct classes (0 uses every class)");
        }
        TrainingFlags.checkRun(v, out);
        TrainingFlags.requireOneProcess(v, "omniglot");
        OmniglotFlags.cnnThresholds(v);
        if (!OmniglotFlags.spiking(v) && v.get(OmniglotFlags.LEARN_IF_THRESHOLDS)) {
            out.println("note: --learn_if_thresholds has no effect with --model relu");
        }
        long episodes = (long) v.get(TrainingFlags.BATCH_SIZE) * (v.get(NUM_CLASSES) + 1);
        MemoryBudget.requireArray("a batch of episodes", episodes, "--batch_size, --num_classes");
        if (OmniglotFlags.spiking(v)) {
            requireSpikingMemory(v);
        }
    }

    /** Refuses a spiking model whose records, one set per {@code --threads} worker, do not fit the heap. */
    static void requireSpikingMemory(FlagValues v) {
        long steps = (long) v.get(OmniglotFlags.NUM_TIME_STEPS);
        // the CNN's record of one image, at most: spikes and surrogates of 66 432 neurons and the pooled outputs'
        // spikes, sensitivities and gradients per step (fewer where positions stay at rest)
        MemoryBudget.requireArray("the CNN record of one image", steps * 50_176, "--num_time_steps");
        long bytesPerStep = 8L * 66_432 + 12L * 16_320;
        MemoryBudget.requireHeap("the CNN records", bytesPerStep * steps * v.get(TrainingFlags.THREADS),
                "--num_time_steps or --threads");
        MemoryBudget.requireSpikingWorkspace(steps * v.get(NUM_CLASSES), OmniglotModelConfig.EMBEDDING,
                v.get(MemoryFlags.MEMORY_SIZE), v.get(TrainingFlags.THREADS),
                "--num_time_steps, --num_classes, --memory_size");
    }

    /** The state dict of a pretrained prototypical network. */
    public static Map<String, Tensor> readProtoNet(Path file, PrintStream out) {
        try {
            Map<String, Tensor> t = Safetensors.read(file).tensors();
            out.println("=> pretrained prototypical network " + file);
            return t;
        } catch (IOException e) {
            throw new UserError("cannot read the pretrained prototypical network " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UserError("cannot read the pretrained prototypical network " + file + ": "
                    + e.getCause().getMessage(), e);
        }
    }
}
