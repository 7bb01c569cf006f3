package org.hmem.task.omniglot.pretrain;

import org.hmem.task.omniglot.OmniglotFlags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.hmem.engine.io.Safetensors;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --evaluate} mistakes are one-line user errors, found before any data are read: {@code --dir} names a
 * folder that does not exist, and the messages below are the ones a missing folder would not give.
 */
class OmniglotPretrainErrorsTest {

    @TempDir
    Path tmp;

    private UserError evaluate(String checkpoint) {
        FlagValues v = PretrainFlags.ALL.defaults()
                .with(PretrainFlags.EVALUATE, true)
                .with(PretrainFlags.CHECKPOINT_PATH, checkpoint)
                .with(OmniglotFlags.DIR, tmp.resolve("no-data").toString());
        return assertThrows(UserError.class,
                () -> OmniglotPretrain.run(v, new PrintStream(PrintStream.nullOutputStream())));
    }

    @Test
    void evaluateWithoutCheckpoint() {
        assertEquals("--evaluate needs --checkpoint_path FILE: the network to test", evaluate("").getMessage());
    }

    @Test
    void evaluateWithMissingFile() {
        Path missing = tmp.resolve("missing.safetensors");
        assertEquals("no checkpoint file " + missing, evaluate(missing.toString()).getMessage());
        assertEquals("no checkpoint file " + tmp + " (it is not a file)", evaluate(tmp.toString()).getMessage());
    }

    @Test
    void evaluateWithUnreadableOrForeignFile() throws Exception {
        Path garbage = tmp.resolve("garbage.safetensors");
        Files.writeString(garbage, "not a checkpoint");
        String message = evaluate(garbage.toString()).getMessage();
        assertTrue(message.startsWith("cannot read the checkpoint " + garbage + ": "), message);

        Path foreign = tmp.resolve("foreign.safetensors");
        Safetensors.write(foreign, Map.of("writing_layer.W", new Tensor(new int[] {2, 2}, new float[4])), Map.of());
        message = evaluate(foreign.toString()).getMessage();
        assertTrue(message.startsWith("the checkpoint " + foreign + " is not a prototypical network: "), message);
        assertTrue(message.contains("encoder.0.0.weight"), message);
    }
}
