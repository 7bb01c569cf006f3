package org.hmem.task.crossmodal.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.google.gson.JsonParser;

import org.hmem.engine.conv.ProtoNet;
import org.hmem.engine.golden.GoldenFiles;
import org.hmem.engine.io.Safetensors;
import org.hmem.engine.io.SafetensorsFile;
import org.hmem.task.crossmodal.CrossModalFlags;
import org.hmem.task.crossmodal.data.CrossModalFiles;
import org.hmem.task.crossmodal.data.CrossModalSplit;
import org.hmem.task.crossmodal.data.FsddSplits;
import org.hmem.task.crossmodal.data.Mfcc;
import org.hmem.task.crossmodal.data.MnistImages;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.train.TrainingFlags;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digit classifiers on the shared copy of the real data ({@code <repoRoot>/../shared/data/mnist}, {@code fsdd}
 * and {@code pretrained}); skipped where it is absent. The data are loaded once for the class; each run is sized to
 * take seconds on two cores.
 */
class DigitClassifierRealDataTest {

    private static final Path DATA = GoldenFiles.shared().resolve("data");
    private static final Path PRETRAINED = DATA.resolve("pretrained");

    @TempDir
    static Path cache;

    @TempDir
    Path tmp;

    private static DigitData mnist;
    private static DigitData fsdd;

    @BeforeAll
    static void loadData() {
        assumeTrue(Files.isDirectory(DATA.resolve("mnist")) && Files.isDirectory(DATA.resolve("fsdd/recordings")),
                "no MNIST or FSDD data under " + DATA);
        Path mnistFolder = CrossModalFiles.mnistFolder(DATA);
        mnist = new DigitData(Modality.IMAGE, MnistImages.load(mnistFolder, CrossModalSplit.TRAIN),
                MnistImages.load(mnistFolder, CrossModalSplit.TEST), 28, 28);
        Path recordings = CrossModalFiles.fsddRecordings(DATA);
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        fsdd = new DigitData(Modality.AUDIO, FsddSplits.load(recordings, CrossModalSplit.TRAIN, new Mfcc(), cache,
                quiet), FsddSplits.load(recordings, CrossModalSplit.TEST, new Mfcc(), cache, quiet), 30, 20);
    }

    private static FlagValues flags(Modality m) {
        return DigitClassifierFlags.ALL.defaults()
                .with(DigitClassifierFlags.MODALITY, m.id())
                .with(CrossModalFlags.DIR, DATA.toString())
                .with(TrainingFlags.THREADS, 2);
    }

    private static String run(Function<PrintStream, ?> command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.apply(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * The shipped MNIST classifier, found next to the data without --checkpoint_path, on all 10 000 test images.
     * Measured: top-1 0.9912, top-5 0.9999, loss 0.0265.
     */
    @Test
    void shippedMnistClassifierIsAccurate() {
        FlagValues v = flags(Modality.IMAGE).with(DigitClassifierFlags.EVALUATE, true);
        Scores[] s = new Scores[1];
        String out = run(o -> s[0] = CrossModalPretrain.evaluate(v, mnist, o));
        System.out.print(out);
        assertEquals(10_000, s[0].images());
        assertTrue(s[0].top1() >= 0.98, "shipped MNIST classifier: " + s[0] + "\n" + out);
        assertTrue(s[0].top5() >= s[0].top1());
        assertTrue(out.contains("mnist-digit-classifier.safetensors"), out);
    }
    /**
     * The shipped FSDD classifier on our test split (the 300 recordings with index 0..4). Measured: top-1 0.9900,
     * top-5 0.9967, loss 0.0724, despite our MFCC crop centre differing from the reference's for some long
     * recordings (spec §13); the bound leaves room for such preprocessing changes.
     */
    @Test
    void shippedFsddClassifierIsAccurate() {
        FlagValues v = flags(Modality.AUDIO).with(DigitClassifierFlags.EVALUATE, true)
                .with(DigitClassifierFlags.CHECKPOINT_PATH, PRETRAINED.resolve(CrossModalFlags.AUDIO_CLASSIFIER_FILE)
                        .toString());
        Scores[] s = new Scores[1];
        String out = run(o -> s[0] = CrossModalPretrain.evaluate(v, fsdd, o));
        System.out.print(out);
        assertEquals(300, s[0].images());
        assertTrue(s[0].top1() >= 0.80, "shipped FSDD classifier: " + s[0] + "\n" + out);
    }

    /** A run of seconds: 2 epochs in batches of 32 (see {@link #small} for the data). */
    private FlagValues tiny(Modality m) {
        return flags(m)
                .with(TrainingFlags.EPOCHS, 2)
                .with(DigitClassifierFlags.BATCH_SIZE, 32)
                .with(DigitClassifierFlags.PRINT_FREQ, 20)
                .with(TrainingFlags.CHECKPOINT_DIR, tmp.toString());
    }

    /** The first {@code train} training and {@code test} test images of {@code all}. */
    private static DigitData small(DigitData all, int train, int test) {
        return new DigitData(all.modality(), ImageSubset.first(all.train(), train), ImageSubset.first(all.test(), test),
                all.height(), all.width());
    }

    /**
     * The tiny run on the first 1500 MNIST training images (1350 train, 150 validation) and 1000 test images learns
     * (the validation loss falls from epoch to epoch and ends far below the untrained ln 10 = 2.30; test top-1 far
     * above chance), writes checkpoints that hold exactly the classifier's state dict under the reference's names
     * with the run's metadata, and evaluating the written file (by --checkpoint_path or --resume) reproduces the
     * run's test scores exactly. Measured: validation loss 0.93, then 0.43; test top-1 0.832.
     */
    @Test
    void tinyRunLearnsAndItsCheckpointTestsTheSame() throws Exception {
        FlagValues v = tiny(Modality.IMAGE);
        DigitData data = small(mnist, 1500, 1000);
        DigitClassifierTraining.Result[] result = new DigitClassifierTraining.Result[1];
        String out = run(o -> result[0] = CrossModalPretrain.train(v, data, o));
        System.out.print(out);
        DigitClassifierTraining.Result r = result[0];
        assertEquals(2, r.epochs(), out);
        assertEquals(2, r.valLosses().size());
        assertTrue(r.valLosses().get(1) < r.valLosses().get(0), r.valLosses() + "\n" + out);
        assertTrue(r.bestValLoss() < 1.0, "val loss " + r.bestValLoss() + "\n" + out);
        assertTrue(r.lastTest().top1() >= 0.6, "test " + r.lastTest() + "\n" + out);
        assertTrue(out.contains("Epoch: [0][ 1/43]  Loss "), out);
        assertTrue(out.contains(" * Test (last network, epoch 1): Loss "), out);

        String name = r.lastCheckpoint().getFileName().toString();
        assertTrue(name.endsWith("-MNIST_classification_task.safetensors"), name);
        assertTrue(Files.isRegularFile(r.bestCheckpoint()), r.bestCheckpoint().toString());
        SafetensorsFile file = Safetensors.read(r.lastCheckpoint());
        assertEquals(List.of("encoder.0.0.weight", "encoder.1.0.weight", "encoder.2.0.weight",
                "encoder.3.0.weight", "linear.weight", "linear.bias"), List.copyOf(file.tensors().keySet()));
        Map<String, String> meta = file.metadata();
        assertEquals(DigitClassifierCheckpoint.FORMAT, meta.get("format"));
        assertEquals("image", meta.get("modality"));
        assertEquals("2", meta.get("epoch"));
        assertEquals(r.bestValLoss(), Double.parseDouble(meta.get("best_loss")));
        assertEquals(32, JsonParser.parseString(meta.get("params")).getAsJsonObject().get("batch_size").getAsInt());
        ProtoNet encoder = new ProtoNet(false);
        encoder.loadStateDict(Map.of("encoder.0.0.weight", file.tensor("encoder.0.0.weight"),
                "encoder.1.0.weight", file.tensor("encoder.1.0.weight"),
                "encoder.2.0.weight", file.tensor("encoder.2.0.weight"),
                "encoder.3.0.weight", file.tensor("encoder.3.0.weight")));

        for (var flag : List.of(DigitClassifierFlags.CHECKPOINT_PATH, DigitClassifierFlags.RESUME)) {
            FlagValues eval = v.with(DigitClassifierFlags.EVALUATE, true).with(flag, r.lastCheckpoint().toString());
            Scores[] s = new Scores[1];
            run(o -> s[0] = CrossModalPretrain.evaluate(eval, data, o));
            assertEquals(r.lastTest().top1(), s[0].top1(), 0.0, flag.name());
            assertEquals(r.lastTest().top5(), s[0].top5(), 0.0, flag.name());
            assertEquals(r.lastTest().loss(), s[0].loss(), 1e-12, flag.name());
        }

        // --resume starts from those weights (not from scratch): its one epoch ends below the first run's first one
        FlagValues resumed = v.with(DigitClassifierFlags.RESUME, r.lastCheckpoint().toString())
                .with(DigitClassifierFlags.START_EPOCH, 1);
        String again = run(o -> result[0] = CrossModalPretrain.train(resumed, data, o));
        assertEquals(1, result[0].epochs(), again);
        assertTrue(result[0].valLosses().get(0) < r.valLosses().get(0), again);
        assertTrue(again.contains("=> resuming from the weights of " + r.lastCheckpoint() + " (epoch 2)"), again);
    }

    /** A budget of 0.0001 min lets the first epoch run (nothing is known yet) and stops before the second. */
    @Test
    void timeBudgetStopsBetweenEpochsAndStillTests() {
        FlagValues v = tiny(Modality.AUDIO).with(TrainingFlags.EPOCHS, 3).with(TrainingFlags.TIME_BUDGET, 0.0001);
        DigitClassifierTraining.Result[] result = new DigitClassifierTraining.Result[1];
        String out = run(o -> result[0] = CrossModalPretrain.train(v, small(fsdd, 300, 100), o));
        assertEquals(1, result[0].epochs(), out);
        assertTrue(out.contains("stopping before epoch 1: the time budget of 0.0 min would be exceeded"), out);
        assertTrue(Files.isRegularFile(result[0].lastCheckpoint()), out);
        assertTrue(result[0].lastCheckpoint().getFileName().toString().endsWith("-Audio_classification_task"
                + ".safetensors"), out);
        assertTrue(out.contains(" * Test (last network, epoch 0): Loss "), out);
    }

    /** Files that are no classifier of the run's modality and shape are one-line user errors. */
    @Test
    void wrongCheckpointsAreUserErrors() {
        FlagValues image = flags(Modality.IMAGE).with(DigitClassifierFlags.EVALUATE, true);
        UserError e = assertThrows(UserError.class, () -> run(o -> CrossModalPretrain.evaluate(image.with(
                DigitClassifierFlags.CHECKPOINT_PATH, PRETRAINED.resolve("omniglot-protonet.safetensors").toString()),
                mnist, o)));
        assertTrue(e.getMessage().contains("omniglot-protonet.safetensors is not a digit classifier: it has no linear "
                + "head"), e.getMessage());
        e = assertThrows(UserError.class, () -> run(o -> CrossModalPretrain.evaluate(image.with(
                DigitClassifierFlags.CHECKPOINT_PATH, PRETRAINED.resolve(CrossModalFlags.AUDIO_CLASSIFIER_FILE)
                        .toString()), mnist, o)));
        assertTrue(e.getMessage().endsWith("fsdd-digit-classifier.safetensors is a classifier of FSDD MFCC images "
                + "(--modality audio), not of MNIST images (--modality image)"), e.getMessage());
        e = assertThrows(UserError.class, () -> run(o -> CrossModalPretrain.evaluate(image.with(
                DigitClassifierFlags.CHECKPOINT_PATH, tmp.resolve("missing.safetensors").toString()), mnist, o)));
        assertTrue(e.getMessage().startsWith("--checkpoint_path "), e.getMessage());
        FlagValues wide = flags(Modality.AUDIO).with(CrossModalFlags.NUM_MFCC, 40);
        e = assertThrows(UserError.class, () -> run(o -> CrossModalPretrain.evaluate(wide, fsdd, o)));
        assertTrue(e.getMessage().contains("--num_mfcc 40 is not allowed: expected an integer in [16, 31]"),
                e.getMessage());
    }
}
