package org.hmem.task.crossmodal;

import static org.hmem.task.crossmodal.CrossModalFlags.DATA_SEED;
import static org.hmem.task.crossmodal.CrossModalFlags.DATASET_SIZE;
import static org.hmem.task.crossmodal.CrossModalFlags.SEQUENCE_LENGTH;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.hmem.engine.conv.SpikingProtoNet;
import org.hmem.engine.conv.ThresholdBalancing;
import org.hmem.engine.io.Safetensors;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.crossmodal.data.CrossModalEpisodeSampler;
import org.hmem.task.crossmodal.data.CrossModalSplit;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.model.CnnThresholds;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.model.SpikeCache;
import org.hmem.task.train.ActivityRegularization;
import org.hmem.task.train.MemoryBudget;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.RunSettings;
import org.hmem.task.train.SupervisedRun;
import org.hmem.task.train.TrainingFlags;
import org.hmem.task.train.TrainingOptions;

/**
 * The cross-modal associations task end to end (spec §4.5, §4.6, §6.3, §8.5, §8.6): resolve and check flags, locate
 * the data, build the spiking or ReLU model with the pretrained CNNs and their thresholds, train or evaluate with
 * the MSE (and, spiking, the activity regulariser from epoch 0).
 */
public final class CrossModalTask {

    public static final String TASK = "cross_modal_associations";
    /** Samples per threshold-balancing batch (spec §5.3). */
    static final int BALANCING_BATCH = 64;

    private CrossModalTask() {
    }

    /** Runs with the flags the user gave ({@link CrossModalFlags#TRAIN}); a checkpoint supplies the rest. */
    public static SupervisedRun.Result run(FlagValues given, PrintStream out) {
        Path resume = TrainingFlags.resume(given);
        RunCheckpoint.Loaded ckpt = RunCheckpoint.forTask(resume, TASK);
        FlagValues v = TrainingFlags.continuing(given, ckpt, true);
        validate(v, out);
        if (v.get(TrainingFlags.SEED) == null) {
            // drawn here rather than by the run: threshold balancing below needs the initial weights too
            v = v.with(TrainingFlags.SEED, new SplittableRandom().nextLong());
        }
        if (v.get(DATA_SEED) == null) {
            // stored in the checkpoint, so that a resumed run draws the episodes the first one would have drawn
            v = v.with(DATA_SEED, new SplittableRandom().nextLong());
            out.println("=> episodes drawn with --data_seed " + v.get(DATA_SEED));
        }
        CrossModalData data = new CrossModalData(v.path(CrossModalFlags.DIR), v.path(CrossModalFlags.CACHE_DIR),
                v.get(CrossModalFlags.NUM_MFCC), v.get(CrossModalFlags.NUM_MFCC_TIME_SAMPLES), out);
        CrossModalEpochData epochs = epochData(v, data);
        boolean spiking = CrossModalFlags.spiking(v);
        // a resumed run's CNN weights come from its checkpoint
        Map<String, Tensor> audio = null, image = null;
        if (ckpt == null && CrossModalFlags.pretrained(v)) {
            audio = readClassifier(CrossModalFlags.audioClassifierFile(v), "audio", out);
            image = readClassifier(CrossModalFlags.imageClassifierFile(v), "image", out);
        }
        String cnnOrigin = CrossModalFlags.pretrained(v) ? "pretrained" : "from scratch";
        CrossModalObjective objective = new CrossModalObjective(recognisability(v, image, out));
        int batch = v.get(TrainingFlags.BATCH_SIZE), pairs = v.get(SEQUENCE_LENGTH);
        if (!spiking) {
            boolean batchNorm = reluBatchNorm(ckpt, audio, image);
            CrossModalModelRelu model = new CrossModalModelRelu(CrossModalFlags.modelConfig(v), batchNorm);
            out.printf(Locale.ROOT, "cross-modal associations (relu): %d pairs, batch %d, CNNs %s%s%s%n", pairs,
                    batch, cnnOrigin, batchNorm ? " with batch norm" : "",
                    model.config().freezeCnn() ? " (frozen)" : "");
            RunSettings settings = TrainingFlags.run(v, TASK + "_relu", CrossModalFlags.suffix(v),
                    TrainingFlags.training(v, ActivityRegularization.NONE));
            Map<String, Tensor> a = audio, i = image;
            return new SupervisedRun<>(model, objective, rng -> {
                model.initialize(rng);
                model.loadPretrained(a, i);
            }, settings, out).run(epochs, ckpt);
        }
        if (ckpt == null && v.get(CrossModalFlags.LEARN_IF_THRESHOLDS)) {
            float[][] t = balanceThresholds(v, audio, image, epochs, out);
            if (v.get(CrossModalFlags.AUDIO_CNN_THRESHOLDS).isBlank()) {
                v = v.with(CrossModalFlags.AUDIO_CNN_THRESHOLDS, CnnThresholds.format(t[0]));
            }
            if (v.get(CrossModalFlags.IMAGE_CNN_THRESHOLDS).isBlank()) {
                v = v.with(CrossModalFlags.IMAGE_CNN_THRESHOLDS, CnnThresholds.format(t[1]));
            }
        }
        CrossModalModel model = spikingModel(v, v.get(TrainingFlags.CHECKPOINT_INTERVAL));
        out.printf(Locale.ROOT, "cross-modal associations (spiking): %d pairs, T %d, batch %d, CNNs %s%s, "
                + "thresholds audio %s, image %s%n", pairs, v.get(CrossModalFlags.NUM_TIME_STEPS), batch, cnnOrigin,
                model.config().freezeCnn() ? " (frozen)" : "", CnnThresholds.format(model.mfccCnn().thresholds()),
                CnnThresholds.format(model.imageCnn().thresholds()));
        if (model.config().freezeCnn() && v.get(CrossModalFlags.SPIKE_CACHE) != 0) {
            long budget = v.get(CrossModalFlags.SPIKE_CACHE_MEMORY) * 1024L * 1024L;
            Path spill = v.path(TrainingFlags.CHECKPOINT_DIR);
            model.useSpikeCache(set -> new SpikeCache(set.size(), model.spikeBitsPerItem(), budget, spill));
            out.println("=> frozen CNNs: each item's spikes are computed once and cached (--spike_cache 0 to "
                    + "recompute)");
        }
        // the cross-modal script regularises from the first epoch (spec §7.3)
        TrainingOptions training = TrainingFlags.training(v, TrainingFlags.regularization(v, 0));
        RunSettings settings = TrainingFlags.run(v, TASK, CrossModalFlags.suffix(v), training);
        Map<String, Tensor> a = audio, i = image;
        try {
            return new SupervisedRun<>(model, objective, rng -> initialize(model, rng, a, i), settings, out)
                    .run(epochs, ckpt);
        } finally {
            String cached = model.releaseSpikeCaches();
            if (!cached.isEmpty()) {
                out.println("=> spike cache: " + cached);
            }
        }
    }

    static CrossModalEpochData epochData(FlagValues v, CrossModalData data) {
        long seed = v.get(DATA_SEED);
        int pairs = v.get(SEQUENCE_LENGTH);
        int[] trainClasses = CrossModalFlags.trainClasses(v), testClasses = CrossModalFlags.testClasses(v);
        return new CrossModalEpochData(
                memo(() -> new CrossModalEpisodeSampler(data.audio(CrossModalSplit.TRAIN),
                        data.images(CrossModalSplit.TRAIN), trainClasses, pairs, true, seed)),
                memo(() -> new CrossModalEpisodeSampler(data.audio(CrossModalSplit.TEST),
                        data.images(CrossModalSplit.TEST), testClasses, pairs, false, seed)),
                v.get(TrainingFlags.BATCH_SIZE), v.get(DATASET_SIZE));
    }

    /** A supplier that makes its value once, on first use. */
    private static <T> java.util.function.Supplier<T> memo(java.util.function.Supplier<T> make) {
        Object[] held = new Object[1];
        return () -> {
            synchronized (held) {
                if (held[0] == null) {
                    held[0] = make.get();
                }
                @SuppressWarnings("unchecked")
                T t = (T) held[0];
                return t;
            }
        };
    }

    /** The spiking model with its CNN thresholds assigned (they are settings, not parameters). */
    public static CrossModalModel spikingModel(FlagValues v, int checkpointInterval) {
        CrossModalModel model = new CrossModalModel(CrossModalFlags.modelConfig(v), checkpointInterval);
        int refractory = v.get(MemoryFlags.REFRACTORY_TIME_STEPS);
        model.mfccCnn().assignThresholds(CrossModalFlags.audioThresholds(v), refractory);
        model.imageCnn().assignThresholds(CrossModalFlags.imageThresholds(v), refractory);
        return model;
    }

    /**
     * Whether the ReLU model's CNNs have batch norm: as the weights they get from the checkpoint or the pretrained
     * files (the shipped classifiers have none, spec §13.33); the reference's default, with it, from scratch.
     */
    static boolean reluBatchNorm(RunCheckpoint.Loaded ckpt, Map<String, Tensor> audio, Map<String, Tensor> image) {
        if (ckpt != null) {
            return CrossModalModelRelu.hasBatchNorm(ckpt.model());
        }
        if (audio != null && image != null && CrossModalModelRelu.hasBatchNorm(audio)
                != CrossModalModelRelu.hasBatchNorm(image)) {
            throw new UserError("one pretrained classifier has batch norm and the other has not; the ReLU model "
                    + "needs both alike");
        }
        return audio == null || CrossModalModelRelu.hasBatchNorm(audio);
    }

    /** A new spiking model's parameters: the reference's initialisation, then the pretrained conv weights if any. */
    public static void initialize(CrossModalModel model, SplittableRandom rng, Map<String, Tensor> audio,
                           Map<String, Tensor> image) {
        model.initialize(rng);
        if (audio != null) {
            model.mfccCnn().loadPretrained(audio);
        }
        if (image != null) {
            model.imageCnn().loadPretrained(image);
        }
    }

    /**
     * Data-based threshold balancing (spec §5.3) of both CNNs on one pass over the training episodes in batches of
     * 64, each sequence position in turn, with the initial weights the run starts from. Returns {audio, image}.
     */
    static float[][] balanceThresholds(FlagValues v, Map<String, Tensor> audio, Map<String, Tensor> image,
                                       CrossModalEpochData epochs, PrintStream out) {
        FlagValues unbalanced = v.with(CrossModalFlags.AUDIO_CNN_THRESHOLDS, "")
                .with(CrossModalFlags.IMAGE_CNN_THRESHOLDS, "");
        CrossModalModel model = new CrossModalModel(CrossModalFlags.modelConfig(unbalanced), 0);
        initialize(model, new SplittableRandom(v.get(TrainingFlags.SEED)), audio, image);
        int refractory = v.get(MemoryFlags.REFRACTORY_TIME_STEPS);
        SpikingProtoNet[] cnns = {model.mfccCnn(), model.imageCnn()};
        ThresholdBalancing[] balancing = new ThresholdBalancing[2];
        for (int k = 0; k < 2; k++) {
            cnns[k].assignThresholds(new float[SpikingProtoNet.BLOCKS], 0);
            balancing[k] = new ThresholdBalancing(cnns[k], refractory);
        }
        int pairs = v.get(SEQUENCE_LENGTH), episodes = epochs.trainEpisodes();
        int batches = (episodes + BALANCING_BATCH - 1) / BALANCING_BATCH;
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            int size = Math.min(BALANCING_BATCH, episodes - i * BALANCING_BATCH);
            CrossModalBatch b = epochs.balancingBatch(i, size);
            int ms = model.config().mfccSize(), px = CrossModalModelConfig.IMAGE_PIXELS;
            float[] mfcc = new float[size * ms], pixels = new float[size * px];
            for (int p = 0; p < pairs; p++) {
                for (int e = 0; e < size; e++) {
                    System.arraycopy(b.mfcc(), (e * pairs + p) * ms, mfcc, e * ms, ms);
                    System.arraycopy(b.imagePixels(), (e * pairs + p) * px, pixels, e * px, px);
                }
                balancing[0].balance(mfcc, size);
                balancing[1].balance(pixels, size);
            }
            out.printf(Locale.ROOT, "threshold balancing: batch %d/%d, audio %s, image %s (%.0f s)%n", i + 1,
                    batches, CnnThresholds.format(cnns[0].thresholds()), CnnThresholds.format(cnns[1].thresholds()),
                    (System.nanoTime() - start) / 1e9);
        }
        return new float[][] {cnns[0].thresholds(), cnns[1].thresholds()};
    }

    static void validate(FlagValues v, PrintStream out) {
        v.validate();
        TrainingFlags.checkRun(v, out);
        TrainingFlags.requireOneProcess(v, "cross-modal");
        CrossModalFlags.checkClasses(v);
        CrossModalFlags.audioThresholds(v);
        CrossModalFlags.imageThresholds(v);
        if (!CrossModalFlags.spiking(v) && v.get(CrossModalFlags.LEARN_IF_THRESHOLDS)) {
            out.println("note: --learn_if_thresholds has no effect with --model relu");
        }
        if (CrossModalFlags.spiking(v)) {
            requireSpikingMemory(v);
        }
    }

    /** Refuses a spiking model whose records, one set per {@code --threads} worker, do not fit the heap. */
    static void requireSpikingMemory(FlagValues v) {
        long steps = v.get(CrossModalFlags.NUM_TIME_STEPS);
        int pairs = v.get(SEQUENCE_LENGTH);
        MemoryBudget.requireArray("the CNN record of one image", steps * 50_176, "--num_time_steps");
        // two CNN records per worker (audio and image): spikes and surrogates of every neuron, pooled outputs
        long bytesPerStep = 8L * (66_432 + 50_624) + 24L * 16_320;
        MemoryBudget.requireHeap("the CNN records", bytesPerStep * steps * v.get(TrainingFlags.THREADS),
                "--num_time_steps or --threads");
        MemoryBudget.requireSpikingWorkspace(steps * pairs, 2 * CrossModalModelConfig.EMBEDDING,
                v.get(MemoryFlags.MEMORY_SIZE), v.get(TrainingFlags.THREADS),
                "--num_time_steps, --sequence_length, --memory_size");
    }

    /**
     * The judge of reconstructions: the MNIST classifier the image CNN comes from (the shipped one or
     * {@code --image_protonet_path}); none, with a note, when there is no such file.
     */
    static Recognisability recognisability(FlagValues v, Map<String, Tensor> image, PrintStream out) {
        Map<String, Tensor> weights = image;
        if (weights == null) {
            try {
                weights = readClassifier(CrossModalFlags.imageClassifierFile(v), "image", out);
            } catch (UserError e) {
                out.println("note: no MNIST digit classifier to judge the reconstructions (" + e.getMessage()
                        + "); only the MSE is reported");
                return null;
            }
        }
        try {
            return new Recognisability(weights);
        } catch (IllegalArgumentException e) {
            throw new UserError("the MNIST digit classifier does not fit: " + e.getMessage(), e);
        }
    }

    /** The state dict of a pretrained digit classifier. */
    public static Map<String, Tensor> readClassifier(Path file, String modality, PrintStream out) {
        try {
            Map<String, Tensor> t = Safetensors.read(file).tensors();
            out.println("=> pretrained " + modality + " digit classifier " + file);
            return t;
        } catch (IOException e) {
            throw new UserError("cannot read the pretrained " + modality + " classifier " + file + ": "
                    + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UserError("cannot read the pretrained " + modality + " classifier " + file + ": "
                    + e.getCause().getMessage(), e);
        }
    }
}
