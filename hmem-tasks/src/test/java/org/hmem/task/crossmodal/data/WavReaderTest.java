package org.hmem.task.crossmodal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hmem.task.flags.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid recordings are read sample for sample; every kind of wrong file is refused with its name and the problem. */
class WavReaderTest {

    @TempDir
    Path tmp;

    private static final short[] SAMPLES = {0, 1, -1, 32767, -32768, 1234, -4321, 7};

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = tmp.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private void assertRefused(String name, byte[] bytes, String... problem) throws Exception {
        Path file = write(name, bytes);
        CrossModalDataException e = assertThrows(CrossModalDataException.class, () -> WavReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String p : problem) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing in: " + e.getMessage());
        }
        assertTrue(e instanceof UserError, "printed without a stack trace");
    }

    @Test
    void readsSixteenBitMonoSamples() throws Exception {
        assertArrayEquals(SAMPLES, WavReader.read(write("ok.wav", WavFixtures.wav(SAMPLES))));
    }

    @Test
    void skipsUnknownChunksIncludingOddSizedOnes() throws Exception {
        byte[] plain = WavFixtures.wav(SAMPLES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 36); // RIFF header and fmt chunk
        ByteBuffer list = ByteBuffer.allocate(8 + 3 + 1).order(ByteOrder.LITTLE_ENDIAN);
        list.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(3).put(new byte[] {1, 2, 3, 0});
        out.write(list.array());
        out.write(plain, 36, plain.length - 36);
        assertArrayEquals(SAMPLES, WavReader.read(write("list.wav", out.toByteArray())));
    }

    @Test
    void refusesAFileThatIsNotAWav() throws Exception {
        assertRefused("text.wav", "just some text, not audio".getBytes(StandardCharsets.US_ASCII),
                "not a WAV file");
        assertRefused("empty.wav", new byte[0], "not a WAV file");
    }

    @Test
    void refusesTruncatedData() throws Exception {
        byte[] full = WavFixtures.wav(SAMPLES);
        assertRefused("cut.wav", Arrays.copyOf(full, full.length - 5), "truncated", "declares 16 bytes",
                "11 are present");
        assertRefused("header-only.wav", Arrays.copyOf(full, 36), "truncated", "no data chunk");
        assertRefused("cut-fmt.wav", Arrays.copyOf(full, 24), "truncated", "fmt chunk");
    }

    @Test
    void refusesAnotherSampleRate() throws Exception {
        assertRefused("cd.wav", WavFixtures.wav(1, 1, 44100, 16, WavFixtures.pcm(SAMPLES)), "sample rate 44100 Hz",
                "expected 8000 Hz");
    }

    @Test
    void refusesStereo() throws Exception {
        assertRefused("stereo.wav", WavFixtures.wav(1, 2, 8000, 16, WavFixtures.pcm(SAMPLES)), "2 channels (stereo)",
                "expected mono");
    }

    @Test
    void refusesOtherSampleFormats() throws Exception {
        assertRefused("u8.wav", WavFixtures.wav(1, 1, 8000, 8, new byte[] {1, 2, 3, 4}), "8-bit",
                "expected 16-bit PCM");
        assertRefused("float.wav", WavFixtures.wav(3, 1, 8000, 32, new byte[8]), "not PCM (format tag 3)",
                "expected 16-bit PCM");
    }
}
