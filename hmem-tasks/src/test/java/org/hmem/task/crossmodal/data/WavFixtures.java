package org.hmem.task.crossmodal.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** WAV files written byte by byte, valid and broken, and small synthetic FSDD folders. */
final class WavFixtures {

    private WavFixtures() {
    }

    /** A RIFF/WAVE file with the given fmt fields and {@code data} as its data chunk. */
    static byte[] wav(int format, int channels, int rate, int bits, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) format)
                .putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }

    /** A valid 16-bit mono 8 kHz WAV of {@code samples}. */
    static byte[] wav(short[] samples) {
        return wav(1, 1, 8000, 16, pcm(samples));
    }

    static byte[] pcm(short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    /** A noisy tone of {@code length} samples whose pitch depends on {@code digit}, framed by a few zeros. */
    static short[] tone(int digit, int length, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        short[] s = new short[length];
        for (int i = 3; i < length - 5; i++) {
            double v = 6000 * Math.sin(2 * Math.PI * (200 + 150 * digit) * i / 8000.0) + 500 * rng.nextGaussian();
            s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
        }
        return s;
    }

    /**
     * A folder of {@code <digit>_<speaker>_<index>.wav} recordings: digits 0..2, speakers a and b, indices 0..6 (42
     * files; indices 0..4 are the test split).
     */
    static Path fsddFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        long seed = 1;
        for (int digit = 0; digit < 3; digit++) {
            for (String speaker : new String[] {"a", "b"}) {
                for (int index = 0; index < 7; index++) {
                    Files.write(dir.resolve(digit + "_" + speaker + "_" + index + ".wav"),
                            wav(tone(digit, 2500 + 400 * index, seed++)));
                }
            }
        }
        return dir;
    }
}
