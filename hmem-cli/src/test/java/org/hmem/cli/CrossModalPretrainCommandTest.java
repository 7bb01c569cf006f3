package org.hmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.hmem.task.crossmodal.pretrain.DigitClassifierFlags;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * {@code hmem cross-modal pretrain} on the command line, as a command of its own (the parent {@code cross-modal}
 * command registers it); the runs themselves are tested in hmem-tasks.
 */
class CrossModalPretrainCommandTest {

    /** The command with its flags registered, as {@link Main} configures every task command. */
    private static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CrossModalPretrainCommand());
        FlagOptions.register(cli.getCommandSpec(), DigitClassifierFlags.ALL);
        return cli;
    }

    /** Runs {@code args}; what the task prints (System.out) counts as the command's output. */
    private static String[] run(String... args) {
        CommandLine cli = commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = cli.execute(args);
        } finally {
            System.setOut(saved);
        }
        return new String[] {Integer.toString(exit), out.toString(StandardCharsets.UTF_8), err.toString()};
    }

    @Test
    void helpListsEveryReferenceFlagInBothSpellings() {
        String help = commandLine().getUsageMessage();
        for (String flag : new String[] {"num_mfcc", "num_mfcc_time_samples", "use_batch_norm", "prefetch_factor",
                "pin_data_to_memory", "batch_size", "learning_rate", "learning_rate_decay", "decay_learning_rate_every",
                "start_epoch", "print_freq", "data_seed", "checkpoint_path", "checkpoint_dir", "time_budget"}) {
            assertTrue(help.contains("--" + flag), flag);
            assertTrue(help.contains("--" + flag.replace('_', '-')), flag + " with dashes");
        }
        for (String flag : new String[] {"--modality", "--audio", "--dir", "--workers", "--epochs", "--evaluate",
            "--resume", "--logging", "--seed", "--threads"}) {
            assertTrue(help.contains(flag), flag);
        }
        assertTrue(help.contains("(default: 256)"), "batch size 256");
        assertTrue(help.contains("(default: 61)"), "seed 61");
    }

    /** The shipped MNIST classifier tested from the command line: top-1 above 98 % on the 10 000 test images. */
    @Test
    void evaluateTheShippedImageClassifierPrintsItsAccuracy() {
        Path data = sharedData();
        Path shipped = data.resolve("pretrained/mnist-digit-classifier.safetensors");
        assumeTrue(Files.isRegularFile(shipped) && Files.isDirectory(data.resolve("mnist")), "no MNIST data");
        String[] r = run("--modality", "image", "--evaluate", "--checkpoint-path", shipped.toString(),
                "--dir", data.toString(), "--threads", "2");
        assertEquals("0", r[0], r[1] + r[2]);
        Matcher m = Pattern.compile(" \\* Test \\(checkpoint\\): Loss [0-9.]+  Acc@1 ([0-9.]+)  Acc@5 ([0-9.]+)  "
                + "over 10000 images").matcher(r[1]);
        assertTrue(m.find(), r[1]);
        assertTrue(Double.parseDouble(m.group(1)) >= 98, r[1]);
        assertTrue(r[1].contains("=> loaded checkpoint " + shipped + ": MNIST images, batch norm off"), r[1]);
    }

    /** {@code <repository>/../shared/data}, where the shared copy of the data lives. */
    private static Path sharedData() {
        Path start = Path.of("").toAbsolutePath();
        Path root = Stream.iterate(start, p -> p != null, Path::getParent)
                .filter(p -> Files.isDirectory(p.resolve("hmem-core"))).findFirst().orElse(start);
        return root.resolve("../shared/data").normalize();
    }
}
