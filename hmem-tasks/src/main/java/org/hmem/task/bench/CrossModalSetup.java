package org.hmem.task.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.task.crossmodal.CrossModalData;
import org.hmem.task.crossmodal.CrossModalFlags;
import org.hmem.task.crossmodal.CrossModalModel;
import org.hmem.task.crossmodal.CrossModalModelRelu;
import org.hmem.task.crossmodal.CrossModalTask;
import org.hmem.task.crossmodal.data.CrossModalEpisodeSampler;
import org.hmem.task.crossmodal.data.CrossModalSplit;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.model.SpikeCache;

/**
 * The data and models of the cross-modal benchmark, built from {@code hmem cross-modal}'s own flag defaults so that
 * they are the task's: 3 pairs, T 100, memory 100, training-mode episodes of the training splits (real FSDD MFCC
 * images and MNIST digits); the spiking model with both shipped classifiers, their table thresholds and conv biases,
 * the ReLU model from scratch with batch norm.
 *
 * @param dataDir the data root ({@code --dir})
 * @param audioFile the pretrained FSDD classifier, or null when no spiking model is measured
 * @param imageFile the pretrained MNIST classifier, or null likewise
 * @param cacheDir where the MFCC images are cached (the task's {@code --cache_dir} default)
 */
public record CrossModalSetup(Path dataDir, Path audioFile, Path imageFile, Path cacheDir) {

    /** Number of command-line arguments of {@link #toArgs()}. */
    static final int ARGS = 4;
    private static final String NONE = "-";
    private static final long DATA_SEED = 1;

    /**
     * Checks what the user gave (null: the task's default) before any child JVM starts.
     *
     * @throws org.hmem.task.flags.UserError if the data or a pretrained classifier is missing
     */
    public static CrossModalSetup resolve(String dir, boolean spiking) {
        FlagValues v = CrossModalFlags.TRAIN.defaults();
        if (dir != null) {
            v = v.with(CrossModalFlags.DIR, dir);
        }
        Path data = v.path(CrossModalFlags.DIR);
        new CrossModalData(data, null, 20, 30, quiet());
        return new CrossModalSetup(data, spiking ? CrossModalFlags.audioClassifierFile(v) : null,
                spiking ? CrossModalFlags.imageClassifierFile(v) : null, v.path(CrossModalFlags.CACHE_DIR));
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    private FlagValues flags(boolean relu, boolean frozen) {
        return CrossModalFlags.TRAIN.defaults().with(CrossModalFlags.DIR, dataDir.toString())
                .with(CrossModalFlags.MODEL_VARIANT, relu ? "relu" : "spiking")
                .with(CrossModalFlags.FREEZE_PROTONET, frozen ? 1 : 0);
    }

    /** The task's training-mode episode sampler over the training splits. */
    CrossModalEpisodeSampler sampler() {
        FlagValues v = flags(false, false);
        CrossModalData data = new CrossModalData(dataDir, cacheDir, v.get(CrossModalFlags.NUM_MFCC),
                v.get(CrossModalFlags.NUM_MFCC_TIME_SAMPLES), quiet());
        return new CrossModalEpisodeSampler(data.audio(CrossModalSplit.TRAIN), data.images(CrossModalSplit.TRAIN),
                CrossModalFlags.trainClasses(v), v.get(CrossModalFlags.SEQUENCE_LENGTH), true, DATA_SEED);
    }

    /** Bytes of spike cache per data set the task keeps in memory ({@code --spike_cache_memory} default). */
    long spikeCacheBudgetBytes() {
        return flags(false, true).get(CrossModalFlags.SPIKE_CACHE_MEMORY) * 1024L * 1024L;
    }

    /** The spiking model as {@code hmem cross-modal} builds a new one, optionally with spike caches (frozen only). */
    CrossModalModel spikingModel(boolean frozen, boolean cached, long seed) {
        CrossModalModel model = CrossModalTask.spikingModel(flags(false, frozen), 0);
        CrossModalTask.initialize(model, new SplittableRandom(seed),
                CrossModalTask.readClassifier(audioFile, "audio", quiet()),
                CrossModalTask.readClassifier(imageFile, "image", quiet()));
        if (cached) {
            Path spill = Path.of(System.getProperty("java.io.tmpdir"));
            long budget = spikeCacheBudgetBytes();
            model.useSpikeCache(data -> new SpikeCache(data.size(), model.spikeBitsPerItem(), budget, spill));
        }
        return model;
    }

    /** The ReLU baseline as {@code hmem cross-modal --model relu} builds it: CNNs from scratch, with batch norm. */
    CrossModalModelRelu reluModel(long seed) {
        CrossModalModelRelu model = new CrossModalModelRelu(CrossModalFlags.modelConfig(flags(true, false)), true);
        model.initialize(new SplittableRandom(seed));
        return model;
    }

    List<String> toArgs() {
        List<String> a = new ArrayList<>();
        for (Path p : new Path[] {dataDir, audioFile, imageFile, cacheDir}) {
            a.add(p == null ? NONE : p.toString());
        }
        return a;
    }

    static CrossModalSetup fromArgs(String[] a, int from) {
        Path[] p = new Path[ARGS];
        for (int i = 0; i < ARGS; i++) {
            p[i] = NONE.equals(a[from + i]) ? null : Path.of(a[from + i]);
        }
        return new CrossModalSetup(p[0], p[1], p[2], p[3]);
    }
}
