package org.hmem.task.crossmodal.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the FSDD recordings: RIFF/WAVE files of 16-bit PCM, mono, 8 kHz. The RIFF chunks are parsed directly rather
 * than through {@code javax.sound.sampled}, which accepts many formats silently (and converts them), while the
 * reference's MFCC parameters only make sense for exactly this one; anything else is rejected with a message naming
 * the file and what was expected. Unknown chunks ({@code LIST}, {@code fact}, ...) are skipped.
 */
public final class WavReader {

    /** The only sample rate accepted: the MFCC filter bank and frame length assume it. */
    public static final int SAMPLE_RATE = 8000;

    private static final int PCM = 1;
    private static final int EXTENSIBLE = 0xFFFE;

    private WavReader() {
    }

    /**
     * The samples of {@code file}, as stored (int16).
     *
     * @throws CrossModalDataException if the file cannot be read or is not 16-bit PCM mono 8 kHz WAV
     */
    public static short[] read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CrossModalDataException("cannot read the recording " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * The samples of a WAV file's bytes.
     *
     * @param name the file, for the messages
     * @throws CrossModalDataException if the bytes are not 16-bit PCM mono 8 kHz WAV
     */
    public static short[] parse(byte[] bytes, String name) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !tag(bytes, 0).equals("RIFF") || !tag(bytes, 8).equals("WAVE")) {
            throw error(name, "is not a WAV file (no RIFF/WAVE header)");
        }
        boolean haveFormat = false;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = tag(bytes, pos);
            long size = Integer.toUnsignedLong(in.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + size > bytes.length) {
                    throw error(name, "is truncated: its fmt chunk is incomplete");
                }
                checkFormat(in, body, size, name);
                haveFormat = true;
            } else if (id.equals("data")) {
                if (!haveFormat) {
                    throw error(name, "has its data chunk before a fmt chunk; expected a standard PCM WAV file");
                }
                long present = bytes.length - body;
                if (size > present || size % 2 != 0) {
                    throw error(name, "is truncated: its data chunk declares " + size + " bytes, " + Math.min(size,
                            present) + " are present" + (size % 2 != 0 ? " (odd, not whole 16-bit samples)" : ""));
                }
                short[] samples = new short[(int) (size / 2)];
                in.position(body);
                in.asShortBuffer().get(samples);
                return samples;
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        throw error(name, haveFormat ? "is truncated: it has no data chunk" : "has no fmt chunk");
    }

    private static void checkFormat(ByteBuffer in, int at, long size, String name) {
        int format = Short.toUnsignedInt(in.getShort(at));
        int channels = Short.toUnsignedInt(in.getShort(at + 2));
        int rate = in.getInt(at + 4);
        int bits = Short.toUnsignedInt(in.getShort(at + 14));
        if (format == EXTENSIBLE && size >= 26) {
            format = Short.toUnsignedInt(in.getShort(at + 24)); // the first two bytes of the sub-format GUID
        }
        if (format != PCM) {
            throw error(name, "is not PCM (format tag " + format + "); expected 16-bit PCM, mono, " + SAMPLE_RATE
                    + " Hz");
        }
        if (bits != 16) {
            throw error(name, "has " + bits + "-bit samples; expected 16-bit PCM");
        }
        if (channels != 1) {
            throw error(name, "has " + channels + " channels" + (channels == 2 ? " (stereo)" : "")
                    + "; expected mono");
        }
        if (rate != SAMPLE_RATE) {
            throw error(name, "has sample rate " + Integer.toUnsignedString(rate) + " Hz; expected " + SAMPLE_RATE
                    + " Hz");
        }
    }

    private static String tag(byte[] bytes, int at) {
        return new String(bytes, at, 4, StandardCharsets.US_ASCII);
    }

    private static CrossModalDataException error(String name, String problem) {
        return new CrossModalDataException("recording " + name + " " + problem);
    }
}
