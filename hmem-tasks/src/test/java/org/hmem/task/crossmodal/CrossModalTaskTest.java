package org.hmem.task.crossmodal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import org.hmem.engine.golden.GoldenFiles;
import org.hmem.engine.io.Safetensors;
import org.hmem.engine.io.SafetensorsFile;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.crossmodal.data.CrossModalSplit;
import org.hmem.task.crossmodal.data.MnistImages;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.SupervisedRun;
import org.hmem.task.train.TrainingFlags;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-modal task end to end on the real FSDD and MNIST data ({@code <repoRoot>/../shared/data}; skipped where
 * absent), with tiny runs: few episodes, short simulations, CNNs from scratch (their thresholds of {@code --thr} let
 * them fire within a few steps, where the shipped networks need tens of steps).
 */
class CrossModalTaskTest {

    private static Path data;
    @TempDir
    static Path cache;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    @BeforeAll
    static void findData() {
        data = GoldenFiles.shared().resolve("data");
        assumeTrue(Files.isDirectory(data.resolve("fsdd/recordings")) && Files.isDirectory(data.resolve("mnist")),
                "no FSDD / MNIST data under " + data);
    }

    private static FlagValues tiny(Path dir) {
        return CrossModalFlags.TRAIN.defaults()
                .with(CrossModalFlags.DIR, data.toString())
                .with(CrossModalFlags.CACHE_DIR, cache.toString())
                .with(CrossModalFlags.USE_PRETRAINED_PROTONET, 0)
                .with(CrossModalFlags.NUM_TIME_STEPS, 12)
                .with(CrossModalFlags.SEQUENCE_LENGTH, 2)
                .with(MemoryFlags.MEMORY_SIZE, 20)
                .with(CrossModalFlags.DATASET_SIZE, 12)
                .with(CrossModalFlags.DATA_SEED, 3L)
                .with(TrainingFlags.BATCH_SIZE, 4)
                .with(TrainingFlags.EPOCHS, 2)
                .with(TrainingFlags.PRINT_FREQ, 0)
                .with(TrainingFlags.SEED, 5L)
                .with(TrainingFlags.THREADS, 2)
                .with(TrainingFlags.CHECKPOINT_DIR, dir.resolve("ck").toString())
                .with(TrainingFlags.RUNS_DIR, dir.resolve("runs").toString());
    }

    private static void assertSameTensors(Path a, Path b) throws Exception {
        SafetensorsFile x = Safetensors.read(a);
        SafetensorsFile y = Safetensors.read(b);
        assertEquals(x.tensors().keySet(), y.tensors().keySet());
        for (Map.Entry<String, Tensor> e : x.tensors().entrySet()) {
            assertArrayEquals(e.getValue().data(), y.tensor(e.getKey()).data(), 0f, e.getKey());
        }
    }

    /** Resuming after one epoch gives the run of two, bit for bit; the trainable CNNs really change. */
    @Test
    void resumingAfterOneEpochEqualsTrainingTwoEpochs(@TempDir Path dir) throws Exception {
        SupervisedRun.Result straight = CrossModalTask.run(tiny(dir.resolve("a")), out);
        SupervisedRun.Result first = CrossModalTask.run(tiny(dir.resolve("b")).with(TrainingFlags.EPOCHS, 1), out);
        SupervisedRun.Result resumed = CrossModalTask.run(tiny(dir.resolve("b"))
                .with(TrainingFlags.RESUME, first.lastCheckpoint().toString()).with(TrainingFlags.SEED, 99L), out);
        assertEquals(2, resumed.nextEpoch());
        assertSameTensors(straight.lastCheckpoint(), resumed.lastCheckpoint());
        assertEquals(straight.testLoss(), resumed.testLoss());
        CrossModalModel initial = CrossModalTask.spikingModel(tiny(dir), 0);
        initial.initialize(new SplittableRandom(5L));
        Map<String, Tensor> trained = RunCheckpoint.load(first.lastCheckpoint()).model();
        for (var cnn : new org.hmem.engine.conv.SpikingProtoNet[] {initial.mfccCnn(), initial.imageCnn()}) {
            for (var conv : cnn.convolutions()) {
                assertNotEquals(0f, maxDifference(conv.weight().data(), trained.get(conv.weight().name()).data()),
                        conv.weight().name() + " did not change");
            }
        }
    }

    private static float maxDifference(float[] a, float[] b) {
        float d = 0f;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /** With frozen CNNs, cached spikes give the very same run as recomputing them. */
    @Test
    void spikeCacheGivesTheSameRunAsRecomputing(@TempDir Path dir) throws Exception {
        FlagValues frozen = tiny(dir).with(CrossModalFlags.FREEZE_PROTONET, 1);
        SupervisedRun.Result cached = CrossModalTask.run(frozen.with(TrainingFlags.CHECKPOINT_DIR,
                dir.resolve("on").toString()), out);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("computed once and cached"), log.toString());
        SupervisedRun.Result recomputed = CrossModalTask.run(frozen.with(CrossModalFlags.SPIKE_CACHE, 0)
                .with(TrainingFlags.CHECKPOINT_DIR, dir.resolve("off").toString()), out);
        assertSameTensors(cached.lastCheckpoint(), recomputed.lastCheckpoint());
        assertEquals(recomputed.testLoss(), cached.testLoss());
    }

    /** Learned thresholds of both CNNs are stored with the checkpoint's flags and used again when evaluating. */
    @Test
    void learnedThresholdsTravelWithTheCheckpoint(@TempDir Path dir) {
        SupervisedRun.Result r = CrossModalTask.run(tiny(dir).with(CrossModalFlags.LEARN_IF_THRESHOLDS, true)
                .with(TrainingFlags.EPOCHS, 1), out);
        RunCheckpoint.Loaded ckpt = RunCheckpoint.load(r.lastCheckpoint());
        String audio = ckpt.params().get(CrossModalFlags.AUDIO_CNN_THRESHOLDS.name()).getAsString();
        String image = ckpt.params().get(CrossModalFlags.IMAGE_CNN_THRESHOLDS.name()).getAsString();
        assertNotEquals(audio, image);
        log.reset();
        SupervisedRun.Result eval = CrossModalTask.run(tiny(dir).with(TrainingFlags.RESUME,
                r.lastCheckpoint().toString()).with(TrainingFlags.EVALUATE, true), out);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("thresholds audio " + audio + ", image " + image),
                log.toString());
        assertEquals(r.testLoss(), eval.testLoss());
    }

    /**
     * A tiny ReLU run (one pair per episode, a few hundred episodes) reconstructs the test targets better than the
     * best constant guess, the mean MNIST training image: the image really travels through the memory.
     */
    @Test
    void aTinyRunBeatsPredictingTheMeanImage(@TempDir Path dir) {
        FlagValues v = tiny(dir).with(CrossModalFlags.MODEL_VARIANT, "relu").with(CrossModalFlags.SEQUENCE_LENGTH, 1)
                .with(CrossModalFlags.DATASET_SIZE, 480).with(TrainingFlags.BATCH_SIZE, 16)
                .with(TrainingFlags.EPOCHS, 3).with(TrainingFlags.LEARNING_RATE, 0.003);
        SupervisedRun.Result r = CrossModalTask.run(v, out);
        MnistImages train = MnistImages.load(data.resolve("mnist"), CrossModalSplit.TRAIN);
        double[] mean = new double[MnistImages.PIXELS];
        float[] img = new float[MnistImages.PIXELS];
        for (int i = 0; i < train.size(); i++) {
            train.image(i, img, 0);
            for (int p = 0; p < img.length; p++) {
                mean[p] += img[p] / (double) train.size();
            }
        }
        double baseline = 0;
        int samples = 0;
        CrossModalData d = new CrossModalData(data, cache, 20, 30, out);
        for (CrossModalBatch b : CrossModalTask.epochData(v, d).test()) {
            for (int i = 0; i < b.size() * MnistImages.PIXELS; i++) {
                double e = b.target()[i] - mean[i % MnistImages.PIXELS];
                baseline += e * e / MnistImages.PIXELS;
            }
            samples += b.size();
        }
        baseline /= samples;
        assertTrue(r.testLoss() < 0.9 * baseline, "test MSE " + r.testLoss() + " vs the mean image's " + baseline);
    }

    @Test
    void aMalformedRecordingIsNamed(@TempDir Path dir) throws Exception {
        Path recordings = Files.createDirectories(dir.resolve("fsdd/recordings"));
        Files.copy(data.resolve("fsdd/recordings/0_george_0.wav"), recordings.resolve("0_george_0.wav"));
        Files.write(recordings.resolve("1_george_7.wav"), "RIFF....WAVEjunk".getBytes(StandardCharsets.US_ASCII));
        Files.createSymbolicLink(dir.resolve("mnist"), data.resolve("mnist").toAbsolutePath());
        UserError e = assertThrows(UserError.class, () -> CrossModalTask.run(tiny(dir)
                .with(CrossModalFlags.DIR, dir.toString()).with(CrossModalFlags.CACHE_DIR,
                        dir.resolve("cache").toString()), out));
        assertTrue(e.getMessage().contains("1_george_7.wav"), e.getMessage());
    }

    @Test
    void missingDataSaysWhatToDownload(@TempDir Path dir) {
        UserError e = assertThrows(UserError.class, () -> CrossModalTask.run(tiny(dir)
                .with(CrossModalFlags.DIR, dir.toString()), out));
        assertTrue(e.getMessage().contains("free-spoken-digit-dataset"), e.getMessage());
    }

    @Test
    void aSequenceLongerThanTheDigitsIsRefused(@TempDir Path dir) {
        UserError e = assertThrows(UserError.class, () -> CrossModalTask.run(tiny(dir)
                .with(CrossModalFlags.SEQUENCE_LENGTH, 3).with(CrossModalFlags.TEST_CLASSES, java.util.List.of(1, 2)),
                out));
        assertTrue(e.getMessage().contains("--test_classes"), e.getMessage());
    }
}
