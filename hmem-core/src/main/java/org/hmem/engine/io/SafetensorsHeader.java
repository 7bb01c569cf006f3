package org.hmem.engine.io;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed and fully validated header of a safetensors file.
 *
 * <p>Everything is checked before a single data byte is read, so a corrupt or truncated checkpoint fails with one
 * clear message instead of loading garbage weights or dying with an index error deep in the loader. The rules are
 * those of the reference implementation: the tensors' byte ranges must tile the data buffer exactly, without gaps
 * or overlaps, and each range must be exactly as long as its shape and dtype require.
 *
 * @param entries   the tensors, sorted by their position in the data buffer
 * @param metadata  the {@code __metadata__} strings in header order; empty if absent
 * @param dataStart the file position of the data buffer (8 + header length)
 */
record SafetensorsHeader(List<Entry> entries, Map<String, String> metadata, long dataStart) {

    /** The reference implementation's limit; a larger value means a corrupt length field, not a real header. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";

    private static final TypeAdapter<JsonElement> JSON = new Gson().getAdapter(JsonElement.class);
    private static final Pattern LOCATION = Pattern.compile("at line \\d+ column \\d+");
    /** Java arrays stop a little short of Integer.MAX_VALUE elements. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8L;

    /** One tensor's description: {@code count} elements of {@code dtype} in data-buffer bytes [begin, end). */
    record Entry(String name, Dtype dtype, int[] shape, int count, long begin, long end) {
    }

    /** Reads and validates the header of the open {@code channel}; {@code file} only names it in messages. */
    static SafetensorsHeader read(FileChannel channel, Path file) throws IOException {
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw new CheckpointFormatException(file, "file is " + fileSize
                    + " bytes, shorter than the 8-byte header length that starts a safetensors file");
        }
        ByteBuffer lengthField = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthField, 0, file);
        long headerLength = lengthField.getLong(0);
        long afterLength = fileSize - 8;
        if (headerLength < 0 || headerLength > afterLength) {
            throw new CheckpointFormatException(file, "header length " + Long.toUnsignedString(headerLength)
                    + " is larger than the " + afterLength
                    + " bytes that follow it (truncated file, or not a safetensors file)");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new CheckpointFormatException(file, "header length " + headerLength + " exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes (not a safetensors file?)");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBytes, 8, file);
        headerBytes.flip();
        String json = utf8(headerBytes, file);

        Map<String, JsonElement> raw = parseTopLevel(json, file);
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : raw.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                metadata = metadata(e.getValue(), file);
            } else {
                entries.add(entry(e.getKey(), e.getValue(), file));
            }
        }
        long dataStart = 8 + headerLength;
        checkTiling(entries, fileSize - dataStart, file);
        return new SafetensorsHeader(List.copyOf(entries), Collections.unmodifiableMap(metadata), dataStart);
    }

    /** Fills {@code buffer} from {@code position}; a short file here means it changed or lied about its size. */
    static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new CheckpointFormatException(file, "file ends at byte " + at + " before the data it declares");
            }
            at += n;
        }
    }

    private static String utf8(ByteBuffer bytes, Path file) throws CheckpointFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointFormatException(file, "header is not valid UTF-8 text");
        }
    }

    /** The top-level object's members in file order; read member by member so that duplicate names are caught. */
    private static Map<String, JsonElement> parseTopLevel(String json, Path file) throws CheckpointFormatException {
        Map<String, JsonElement> members = new LinkedHashMap<>();
        String duplicate = null;
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw new CheckpointFormatException(file, "header is JSON but not a JSON object");
            }
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (members.put(name, JSON.read(reader)) != null && duplicate == null) {
                    duplicate = name;
                }
            }
            reader.endObject();
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new CheckpointFormatException(file, "header has content after its JSON object");
            }
        } catch (EOFException e) {
            throw new CheckpointFormatException(file, "header is not valid JSON (it ends early)");
        } catch (CheckpointFormatException e) {
            throw e;
        } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
            Matcher at = LOCATION.matcher(String.valueOf(e.getMessage()));
            throw new CheckpointFormatException(file, "header is not valid JSON" + (at.find() ? " (" + at.group() + ")" : ""));
        }
        if (duplicate != null) {
            throw new CheckpointFormatException(file, "header names '" + duplicate + "' twice");
        }
        return members;
    }

    private static Map<String, String> metadata(JsonElement element, Path file) throws CheckpointFormatException {
        if (!(element instanceof JsonObject object)) {
            throw new CheckpointFormatException(file, METADATA_KEY + " must be a JSON object of strings, got " + element);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : object.entrySet()) {
            if (!(e.getValue() instanceof JsonPrimitive p && p.isString())) {
                throw new CheckpointFormatException(file, METADATA_KEY + " value of '" + e.getKey()
                        + "' must be a string, got " + e.getValue());
            }
            metadata.put(e.getKey(), p.getAsString());
        }
        return metadata;
    }

    private static Entry entry(String name, JsonElement element, Path file) throws CheckpointFormatException {
        String what = "tensor '" + name + "'";
        if (!(element instanceof JsonObject info)) {
            throw new CheckpointFormatException(file, what + " must be described by a JSON object, got " + element);
        }
        JsonElement dtypeName = info.get("dtype");
        if (!(dtypeName instanceof JsonPrimitive p && p.isString())) {
            throw new CheckpointFormatException(file, what + " has no dtype string");
        }
        Dtype dtype = Dtype.named(p.getAsString());
        if (dtype == null) {
            throw new CheckpointFormatException(file, what + " has dtype '" + p.getAsString()
                    + "', which this reader does not know (it reads " + Arrays.toString(Dtype.values()) + ")");
        }
        long[] shape = integers(info.get("shape"), -1, file, what + " shape");
        int[] dims = new int[shape.length];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > MAX_ELEMENTS || (shape[i] > 0 && count > MAX_ELEMENTS / shape[i])) {
                throw new CheckpointFormatException(file, what + " shape " + Arrays.toString(shape)
                        + " has more elements than a Java array can hold");
            }
            dims[i] = (int) shape[i];
            count *= shape[i];
        }
        long[] offsets = integers(info.get("data_offsets"), 2, file, what + " data_offsets");
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw new CheckpointFormatException(file, what + " data_offsets " + Arrays.toString(offsets)
                    + " begin after they end");
        }
        long needed = count * dtype.bytes;
        if (end - begin != needed) {
            throw new CheckpointFormatException(file, what + " shape " + Arrays.toString(shape) + " of " + dtype
                    + " needs " + needed + " bytes, but its data_offsets " + Arrays.toString(offsets) + " span "
                    + (end - begin));
        }
        return new Entry(name, dtype, dims, (int) count, begin, end);
    }

    /** A JSON array of non-negative integers, of exactly {@code length} elements unless that is negative. */
    private static long[] integers(JsonElement element, int length, Path file, String what)
            throws CheckpointFormatException {
        if (!(element instanceof JsonArray array) || (length >= 0 && array.size() != length)) {
            throw new CheckpointFormatException(file, what + " must be an array of "
                    + (length >= 0 ? length + " " : "") + "non-negative integers, got " + element);
        }
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = -1;
            if (array.get(i) instanceof JsonPrimitive p && p.isNumber()) {
                try {
                    values[i] = new BigDecimal(p.getAsString()).longValueExact();
                } catch (ArithmeticException | NumberFormatException e) {
                    values[i] = -1;
                }
            }
            if (values[i] < 0) {
                throw new CheckpointFormatException(file, what + " must hold non-negative integers, got " + element);
            }
        }
        return values;
    }

    /** Sorts {@code entries} by position and checks that they cover the data buffer exactly once. */
    private static void checkTiling(List<Entry> entries, long bufferSize, Path file) throws CheckpointFormatException {
        for (Entry e : entries) {
            if (e.end() > bufferSize) {
                throw new CheckpointFormatException(file, "tensor '" + e.name() + "' data_offsets [" + e.begin()
                        + ", " + e.end() + "] lie outside the data buffer of " + bufferSize
                        + " bytes (truncated file?)");
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : entries) {
            if (e.begin() < covered) {
                throw new CheckpointFormatException(file, "tensor '" + e.name() + "' data_offsets [" + e.begin()
                        + ", " + e.end() + "] overlap those of tensor '" + previous.name() + "' [" + previous.begin()
                        + ", " + previous.end() + "]");
            }
            if (e.begin() > covered) {
                throw new CheckpointFormatException(file, "data buffer bytes [" + covered + ", " + e.begin()
                        + ") belong to no tensor (gap before tensor '" + e.name() + "')");
            }
            covered = e.end();
            previous = e;
        }
        if (covered != bufferSize) {
            throw new CheckpointFormatException(file, "data size mismatch: the tensors cover " + covered
                    + " bytes but the data buffer after the header holds " + bufferSize);
        }
    }
}
