package org.hmem.task.crossmodal;

import static org.hmem.task.crossmodal.CrossModalFlags.DATA_SEED;
import static org.hmem.task.crossmodal.CrossModalFlags.EVALUATION_EPISODES;
import static org.hmem.task.crossmodal.CrossModalFlags.SEQUENCE_LENGTH;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.hmem.engine.tensor.Tensor;
import org.hmem.task.crossmodal.data.CrossModalEpisodeSampler;
import org.hmem.task.crossmodal.data.CrossModalSplit;
import org.hmem.task.flags.FlagRole;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.train.MemoryBudget;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.SupervisedModel;
import org.hmem.task.train.TrainingFlags;

/**
 * {@code hmem cross-modal plot}: builds the model of a checkpoint (or an untrained one, with the pretrained CNNs when
 * {@code --use_pretrained_protonet 1}, as a fresh run starts), runs the first test episode (episode 0 of batch 0 of
 * the test-mode sampler seeded with {@code --data_seed}) and writes the reference's figures as PNGs (spec §10.5,
 * §10.6). Then, for both models, it reconstructs {@code --evaluation_episodes} test episodes (the plotted one first)
 * and reports their errors and recognisability, with histograms and a grid of targets and reconstructions.
 *
 * <p>The model and the test digits are those of the checkpoint's stored flags; flags given on the command line must
 * agree with them (the reference's plot check, spec §10) unless {@code --check_params 0}. The data seed is not
 * checked: the checkpoint's is the training run's, and the plot draws its own episodes.
 */
public final class CrossModalPlotTask {

    private CrossModalPlotTask() {
    }

    /** Plots with the flags the user gave ({@link CrossModalFlags#PLOT}); a checkpoint supplies the model. */
    public static List<Path> run(FlagValues given, PrintStream out) {
        RunCheckpoint.Loaded ckpt = RunCheckpoint.forPlot(given.get(CrossModalFlags.CHECKPOINT),
                CrossModalTask.TASK, out);
        FlagValues v = ckpt == null ? given : given.continuing(ckpt.params(), ckpt.file(),
                Set.of(FlagRole.MODEL, FlagRole.SETTING), Set.of(DATA_SEED.name()),
                given.get(CrossModalFlags.CHECK_PARAMS) != 0);
        v.validate();
        boolean spiking = CrossModalFlags.spiking(v);
        if (ckpt != null) {
            requireVariant(ckpt, v);
        }
        int pairs = v.get(SEQUENCE_LENGTH), episodes = v.get(EVALUATION_EPISODES);
        int[] classes = CrossModalFlags.testClasses(v);
        if (classes.length < pairs) {
            throw new UserError("--sequence_length " + pairs + " needs at least " + pairs
                    + " digits in --test_classes, got " + classes.length);
        }
        if (spiking) {
            CrossModalTask.requireSpikingMemory(v);
        }
        requireEvaluationMemory(v, episodes);
        long dataSeed = dataSeed(given, out);

        CrossModalData data = new CrossModalData(v.path(CrossModalFlags.DIR), v.path(CrossModalFlags.CACHE_DIR),
                v.get(CrossModalFlags.NUM_MFCC), v.get(CrossModalFlags.NUM_MFCC_TIME_SAMPLES), out);
        CrossModalEpisodeSampler sampler = new CrossModalEpisodeSampler(data.audio(CrossModalSplit.TEST),
                data.images(CrossModalSplit.TEST), classes, pairs, false, dataSeed);
        CrossModalBatch one = CrossModalEpochData.gather(sampler, 0, 0, 1);
        out.println("=> plotted episode: audio digits " + Arrays.toString(one.episodes().audioClasses())
                + ", query digit " + one.episodes().targetClass(0));
        // a checkpoint brings its own CNN weights (spec §10.5: the plot script does not read the classifier files)
        Map<String, Tensor> audio = null, image = null;
        if (ckpt == null && CrossModalFlags.pretrained(v)) {
            audio = CrossModalTask.readClassifier(CrossModalFlags.audioClassifierFile(v), "audio", out);
            image = CrossModalTask.readClassifier(CrossModalFlags.imageClassifierFile(v), "image", out);
        }
        Recognisability judge = CrossModalTask.recognisability(v, image, out);
        Long seed = v.get(TrainingFlags.SEED);
        SplittableRandom rng = new SplittableRandom(seed != null ? seed : 0);
        Path outDir = v.path(CrossModalFlags.OUT);
        try {
            List<Path> files = new ArrayList<>();
            SupervisedModel<CrossModalBatch, ?> model;
            if (spiking) {
                // forward passes only: the memory's BPTT checkpoints never come into play
                CrossModalModel m = CrossModalTask.spikingModel(v, 0);
                CrossModalTask.initialize(m, rng, audio, image);
                if (ckpt != null) {
                    RunCheckpoint.loadModel(ckpt, m);
                }
                files.addAll(CrossModalPlots.spiking(m, one, outDir, out));
                model = m;
            } else {
                CrossModalModelRelu m = new CrossModalModelRelu(CrossModalFlags.modelConfig(v),
                        CrossModalTask.reluBatchNorm(ckpt, audio, image));
                m.initialize(rng);
                m.loadPretrained(audio, image);
                if (ckpt != null) {
                    RunCheckpoint.loadModel(ckpt, m);
                }
                files.addAll(CrossModalPlots.relu(m, one, outDir));
                model = m;
            }
            files.addAll(evaluate(model, sampler, episodes, v.get(TrainingFlags.THREADS), judge, outDir, out));
            for (Path f : files) {
                out.println("=> wrote " + f);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figures to " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** Reconstructs the first {@code episodes} test episodes, prints their errors and writes their figures. */
    private static List<Path> evaluate(SupervisedModel<CrossModalBatch, ?> model, CrossModalEpisodeSampler sampler,
                                       int episodes, int threads, Recognisability judge, Path dir, PrintStream out)
            throws IOException {
        long start = System.nanoTime();
        CrossModalBatch batch = CrossModalEpochData.gather(sampler, 0, 0, episodes);
        float[] reconstructions = CrossModalReconstructions.of(model, batch, threads);
        ReconstructionErrors errors = ReconstructionErrors.of(batch, reconstructions, judge);
        out.printf(Locale.ROOT, "=> %d test episodes reconstructed (%.1f s)%n", episodes,
                (System.nanoTime() - start) / 1e9);
        errors.print(out);
        return ReconstructionFigures.write(errors, batch, reconstructions, dir);
    }

    /**
     * The data seed: the given one, else 0. Never the checkpoint's, which drew the training run's episodes; any seed
     * gives test episodes the run never saw (the test sampler's stream is apart from the training one).
     */
    private static long dataSeed(FlagValues given, PrintStream out) {
        Long seed = given.isGiven(DATA_SEED) ? given.get(DATA_SEED) : null;
        if (seed == null) {
            out.println("=> test episodes drawn with --data_seed 0 (give --data_seed for others)");
            return 0;
        }
        return seed;
    }

    /** Refuses a checkpoint of the other model (possible with --check_params 0, or --model given wrongly). */
    private static void requireVariant(RunCheckpoint.Loaded ckpt, FlagValues v) {
        boolean spiking = CrossModalFlags.spiking(v);
        String expected = spiking ? CrossModalTask.TASK : CrossModalTask.TASK + "_relu";
        if (!expected.equals(ckpt.task())) {
            throw new UserError("checkpoint " + ckpt.file() + " holds a " + (spiking ? "ReLU" : "spiking")
                    + " model (task '" + ckpt.task() + "'), not one of --model "
                    + v.get(CrossModalFlags.MODEL_VARIANT));
        }
    }

    /** The evaluation keeps its episodes' inputs and reconstructions in memory. */
    private static void requireEvaluationMemory(FlagValues v, int episodes) {
        long mfcc = (long) v.get(CrossModalFlags.NUM_MFCC) * v.get(CrossModalFlags.NUM_MFCC_TIME_SAMPLES);
        long pixels = CrossModalModelConfig.IMAGE_PIXELS, pairs = v.get(SEQUENCE_LENGTH);
        MemoryBudget.requireArray("the evaluation's stored images", episodes * pairs * pixels,
                "--evaluation_episodes");
        MemoryBudget.requireHeap("the evaluation's episodes and reconstructions",
                4L * episodes * (pairs * (mfcc + pixels) + mfcc + 2 * pixels), "--evaluation_episodes");
    }
}
