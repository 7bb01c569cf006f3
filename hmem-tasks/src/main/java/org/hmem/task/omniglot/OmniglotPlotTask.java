package org.hmem.task.omniglot;

import static org.hmem.task.omniglot.OmniglotFlags.HISTOGRAM_EPISODES;
import static org.hmem.task.omniglot.OmniglotFlags.NUM_CLASSES;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.hmem.engine.tensor.Tensor;
import org.hmem.task.flags.FlagRole;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.omniglot.data.EpisodeSampler;
import org.hmem.task.omniglot.data.OmniglotSplit;
import org.hmem.task.omniglot.data.OmniglotSplitName;
import org.hmem.task.train.MemoryBudget;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.TrainingFlags;

/**
 * {@code hmem omniglot plot}: builds the model of a checkpoint (or an untrained one, with the pretrained CNN when
 * {@code --use_pretrained_protonet 1}, as a fresh run starts), runs one episode of the test split (episode 0 of batch
 * 0 of epoch 0 of the sampler seeded with {@code --sampler_seed}) and writes the reference's figures as PNGs
 * (spec §10.3, §10.4). The spiking model's histogram collects episodes 0..K-1 of that batch, so the plotted episode
 * is its first.
 *
 * <p>The model is defined by the checkpoint's stored flags; flags given on the command line must agree with them
 * (the reference's plot check, spec §10).
 */
public final class OmniglotPlotTask {

    private OmniglotPlotTask() {
    }

    /** Plots with the flags the user gave ({@link OmniglotFlags#PLOT}); a checkpoint supplies the model. */
    public static List<Path> run(FlagValues given, PrintStream out) {
        RunCheckpoint.Loaded ckpt = RunCheckpoint.forPlot(given.get(OmniglotFlags.CHECKPOINT), OmniglotTask.TASK, out);
        FlagValues v = ckpt == null ? given : given.continuing(ckpt.params(), ckpt.file(), Set.of(FlagRole.MODEL),
                Set.of(), given.get(OmniglotFlags.CHECK_PARAMS) != 0);
        v.validate();
        OmniglotFlags.cnnThresholds(v);
        boolean spiking = OmniglotFlags.spiking(v);
        int ways = v.get(NUM_CLASSES), episodes = v.get(HISTOGRAM_EPISODES), m = v.get(MemoryFlags.MEMORY_SIZE);
        if (spiking) {
            OmniglotTask.requireSpikingMemory(v);
            // the collected weights and the histogram's sorted copy of them
            MemoryBudget.requireArray("the memory weights of the histogram", (long) episodes * m * m,
                    "--histogram_episodes or --memory_size");
            MemoryBudget.requireHeap("the memory weights of the histogram", 8L * episodes * m * m,
                    "--histogram_episodes or --memory_size");
        }
        OmniglotSplit test = new OmniglotSplits(v.path(OmniglotFlags.DIR), v.path(OmniglotFlags.CACHE_DIR), out)
                .get(OmniglotSplitName.TEST);
        if (ways > test.numClasses()) {
            throw new UserError("--num_classes " + ways + " exceeds the " + test.numClasses()
                    + " classes of the test split");
        }
        EpisodeSampler sampler = new EpisodeSampler(test, ways, v.get(OmniglotFlags.SAMPLER_SEED));
        OmniglotBatch one = new OmniglotBatch(test, sampler.batch(0, 0, 1));
        // a checkpoint brings its own CNN weights (spec §10.3: the plot script does not read the ProtoNet file)
        Map<String, Tensor> pretrained = ckpt == null && OmniglotFlags.pretrained(v)
                ? OmniglotTask.readProtoNet(OmniglotFlags.protonetFile(v), out) : null;
        Long seed = v.get(TrainingFlags.SEED);
        SplittableRandom rng = new SplittableRandom(seed != null ? seed : 0);
        Path outDir = v.path(OmniglotFlags.OUT);
        try {
            List<Path> files;
            if (spiking) {
                // forward passes only: the memory's BPTT checkpoints never come into play
                OmniglotModel model = OmniglotTask.spikingModel(v, 0);
                OmniglotTask.initialize(model, rng, pretrained);
                if (ckpt != null) {
                    RunCheckpoint.loadModel(ckpt, model);
                }
                OmniglotBatch histogram = new OmniglotBatch(test, sampler.batch(0, 0, episodes));
                files = OmniglotPlots.spiking(model, one, histogram, v.get(TrainingFlags.THREADS), outDir, out);
            } else {
                OmniglotModelRelu model = new OmniglotModelRelu(OmniglotFlags.modelConfig(v),
                        OmniglotTask.reluBatchNorm(ckpt, pretrained));
                model.initialize(rng);
                if (pretrained != null) {
                    model.loadPretrained(pretrained);
                }
                if (ckpt != null) {
                    RunCheckpoint.loadModel(ckpt, model);
                }
                files = OmniglotPlots.relu(model, one, outDir, out);
            }
            for (Path f : files) {
                out.println("=> wrote " + f);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figures to " + outDir + ": " + e.getMessage(), e);
        }
    }
}
