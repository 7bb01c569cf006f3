package org.hmem.task.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.omniglot.OmniglotFlags;
import org.hmem.task.omniglot.OmniglotModel;
import org.hmem.task.omniglot.OmniglotModelRelu;
import org.hmem.task.omniglot.OmniglotTask;
import org.hmem.task.omniglot.data.EpisodeSampler;
import org.hmem.task.omniglot.data.OmniglotDataException;
import org.hmem.task.omniglot.data.OmniglotFiles;
import org.hmem.task.omniglot.data.OmniglotSplit;
import org.hmem.task.omniglot.data.OmniglotSplitLoader;
import org.hmem.task.omniglot.data.OmniglotSplitName;

/**
 * The data and models of the Omniglot benchmark, built from {@code hmem omniglot}'s own flag defaults so that they
 * are the task's: 5-way, T 100, memory 100, readout delay 1, sampler seed 42, the training split; the spiking
 * model with the shipped pretrained CNN and its table thresholds, the ReLU model from scratch with batch norm.
 *
 * @param dataDir the Omniglot data folder ({@code --dir})
 * @param protonetFile the pretrained prototypical network, or null when no spiking model is measured
 * @param splitCacheDir where the preprocessed split is cached (the task's {@code --cache_dir} default), or null
 */
public record OmniglotSetup(Path dataDir, Path protonetFile, Path splitCacheDir) {

    /** Number of command-line arguments of {@link #toArgs()}. */
    static final int ARGS = 3;
    /** Stands for a null path on a child's command line. */
    private static final String NONE = "-";

    /**
     * Checks what the user gave (null: the task's default), so that mistakes are reported once, before any child
     * JVM starts.
     *
     * @param spiking whether a spiking model is measured (only then is the pretrained network needed)
     * @throws UserError if the data or the pretrained network is missing
     */
    public static OmniglotSetup resolve(String dir, String protonet, boolean spiking) {
        FlagValues v = OmniglotFlags.TRAIN.defaults();
        if (dir != null) {
            v = v.with(OmniglotFlags.DIR, dir);
        }
        if (protonet != null) {
            v = v.with(OmniglotFlags.PROTONET_CHECKPOINT_PATH, protonet);
        }
        Path data = v.path(OmniglotFlags.DIR);
        try {
            OmniglotFiles.locate(data);
        } catch (OmniglotDataException e) {
            // the locator's message lists every place searched, one per line: the first line says what is missing
            throw new UserError(e.getMessage().lines().findFirst().orElse("Omniglot data missing") + " in " + data
                    + "; point --dir or $" + OmniglotFiles.DIR_ENV + " at the folder that holds them", e);
        }
        return new OmniglotSetup(data, spiking ? OmniglotFlags.protonetFile(v) : null,
                v.path(OmniglotFlags.CACHE_DIR));
    }

    /** The task's flag values for a model variant, with this setup's data and pretrained network. */
    private FlagValues flags(boolean relu, boolean frozen) {
        FlagValues v = OmniglotFlags.TRAIN.defaults().with(OmniglotFlags.DIR, dataDir.toString())
                .with(OmniglotFlags.MODEL_VARIANT, relu ? "relu" : "spiking")
                .with(OmniglotFlags.FREEZE_PROTONET, frozen ? 1 : 0);
        return protonetFile == null ? v : v.with(OmniglotFlags.PROTONET_CHECKPOINT_PATH, protonetFile.toString());
    }

    /** The training split (from the processed cache when valid). */
    OmniglotSplit trainSplit() {
        return OmniglotSplitLoader.load(OmniglotFiles.locate(dataDir), OmniglotSplitName.TRAIN, splitCacheDir)
                .split();
    }

    /** The task's episode sampler over {@code split} ({@code --num_classes}, {@code --sampler_seed} defaults). */
    EpisodeSampler sampler(OmniglotSplit split) {
        FlagValues v = flags(false, false);
        return new EpisodeSampler(split, v.get(OmniglotFlags.NUM_CLASSES), v.get(OmniglotFlags.SAMPLER_SEED));
    }

    /** Megabytes of spike cache per split the task keeps in memory ({@code --spike_cache_memory} default). */
    long spikeCacheBudgetBytes() {
        return flags(false, true).get(OmniglotFlags.SPIKE_CACHE_MEMORY) * 1024L * 1024L;
    }

    /**
     * The spiking model as {@code hmem omniglot} builds a new one: thresholds from the table of the shipped network,
     * the reference's initialisation, then the pretrained CNN weights.
     */
    OmniglotModel spikingModel(boolean frozen, long seed) {
        OmniglotModel model = OmniglotTask.spikingModel(flags(false, frozen));
        OmniglotTask.initialize(model, new SplittableRandom(seed), OmniglotTask.readProtoNet(protonetFile,
                new PrintStream(OutputStream.nullOutputStream())));
        return model;
    }

    /** The ReLU baseline as {@code hmem omniglot --model relu} builds it: CNN from scratch, with batch norm. */
    OmniglotModelRelu reluModel(long seed) {
        OmniglotModelRelu model = new OmniglotModelRelu(OmniglotFlags.modelConfig(flags(true, false)), true);
        model.initialize(new SplittableRandom(seed));
        return model;
    }

    /** The setup as command-line arguments of a child JVM ({@link #fromArgs}). */
    List<String> toArgs() {
        List<String> a = new ArrayList<>();
        for (Path p : new Path[] {dataDir, protonetFile, splitCacheDir}) {
            a.add(p == null ? NONE : p.toString());
        }
        return a;
    }

    /** Reads {@link #toArgs()} back from {@code a[from ..]}. */
    static OmniglotSetup fromArgs(String[] a, int from) {
        Path[] p = new Path[ARGS];
        for (int i = 0; i < ARGS; i++) {
            p[i] = NONE.equals(a[from + i]) ? null : Path.of(a[from + i]);
        }
        return new OmniglotSetup(p[0], p[1], p[2]);
    }
}
