package org.hmem.engine.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hmem.engine.tensor.Tensor;

/**
 * Reads and writes checkpoints in the safetensors format (https://github.com/huggingface/safetensors), so that
 * weights move between this engine and PyTorch without pickle: an 8-byte little-endian header length N, N bytes of
 * UTF-8 JSON naming each tensor's dtype, shape and byte range, then the raw little-endian row-major data.
 *
 * <p>Writes are atomic ({@link AtomicFiles}): a crash mid-save leaves the previous checkpoint intact. Tensors are
 * streamed in chunks, so saving never needs a second copy of the weights in memory. Reads validate the whole
 * header first ({@link SafetensorsHeader}) and fail with a {@link CheckpointFormatException} naming the file and
 * the problem.
 */
public final class Safetensors {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final int CHUNK_BYTES = 1 << 20;
    /** The data buffer starts 8-byte aligned, as the reference library pads it, so readers may map it in place. */
    private static final int ALIGNMENT = 8;

    private Safetensors() {
    }

    /**
     * Atomically writes {@code tensors} (as F32, in the map's iteration order) and the string {@code metadata} to
     * {@code target}, replacing any existing file. Names must be non-null and not {@code "__metadata__"}; bad
     * arguments throw {@link IllegalArgumentException} before anything is written.
     */
    public static void write(Path target, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        byte[] header = header(tensors, metadata == null ? Map.of() : metadata);
        AtomicFiles.write(target, out -> writeTo(header, tensors, out));
    }

    /** Reads every tensor of {@code file} as float32, converting F64, F16, BF16, I64 and I32 data. */
    public static SafetensorsFile read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SafetensorsHeader header = SafetensorsHeader.read(channel, file);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (SafetensorsHeader.Entry e : header.entries()) {
                tensors.put(e.name(), new Tensor(e.shape(), readData(channel, header.dataStart(), e, chunk, file)));
            }
            return new SafetensorsFile(tensors, header.metadata());
        }
    }

    /** Reads only the {@code __metadata__} strings of {@code file} (the header is still validated in full). */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return SafetensorsHeader.read(channel, file).metadata();
        }
    }

    private static float[] readData(FileChannel channel, long dataStart, SafetensorsHeader.Entry e, ByteBuffer chunk,
            Path file) throws IOException {
        float[] data = new float[e.count()];
        int perChunk = CHUNK_BYTES / e.dtype().bytes;
        long position = dataStart + e.begin();
        for (int done = 0; done < data.length; ) {
            int n = Math.min(perChunk, data.length - done);
            chunk.clear().limit(n * e.dtype().bytes);
            SafetensorsHeader.readFully(channel, chunk, position, file);
            chunk.flip();
            e.dtype().decode(chunk, data, done, n);
            position += (long) n * e.dtype().bytes;
            done += n;
        }
        return data;
    }

    /** The header JSON, space-padded so that the data buffer (at 8 + its length) starts aligned. */
    private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        JsonObject root = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("metadata keys and values must not be null: " + e);
                }
                meta.addProperty(e.getKey(), e.getValue());
            }
            root.add(SafetensorsHeader.METADATA_KEY, meta);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || e.getValue() == null) {
                throw new IllegalArgumentException("tensor names and tensors must not be null: " + e);
            }
            if (name.equals(SafetensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("'" + name + "' is reserved for metadata and cannot name a tensor");
            }
            JsonArray shape = new JsonArray();
            for (int d : e.getValue().shape()) {
                shape.add(d);
            }
            long end = offset + 4L * e.getValue().size();
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(end);
            JsonObject info = new JsonObject();
            info.addProperty("dtype", Dtype.F32.name());
            info.add("shape", shape);
            info.add("data_offsets", offsets);
            root.add(name, info);
            offset = end;
        }
        byte[] json = GSON.toJson(root).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeTo(byte[] header, Map<String, Tensor> tensors, OutputStream out) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        chunk.putLong(0, header.length);
        out.write(chunk.array(), 0, 8);
        out.write(header);
        int perChunk = CHUNK_BYTES / Float.BYTES;
        for (Tensor t : tensors.values()) {
            float[] data = t.data();
            for (int done = 0; done < data.length; done += perChunk) {
                int n = Math.min(perChunk, data.length - done);
                chunk.clear();
                chunk.asFloatBuffer().put(data, done, n);
                out.write(chunk.array(), 0, n * Float.BYTES);
            }
        }
    }
}
