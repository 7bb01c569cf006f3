package org.hmem.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hmem.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    private static Tensor random(SplittableRandom rng, int... shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        float[] data = new float[size];
        for (int i = 0; i < size; i++) {
            data[i] = (float) rng.nextGaussian();
        }
        return new Tensor(shape, data);
    }

    private static Map<String, Tensor> sampleTensors() {
        SplittableRandom rng = new SplittableRandom(7);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.last.in.alphabet.first.in.file", random(rng, 3, 5));
        tensors.put("conv.weight", random(rng, 4, 2, 3, 3));
        tensors.put("step", Tensor.scalar(42.5));
        tensors.put("empty", new Tensor(new int[] {0, 7}, new float[0]));
        tensors.put("special", new Tensor(new int[] {6}, new float[] {
            Float.MIN_VALUE, -0.0f, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, Float.NaN, 1e-40f}));
        tensors.put("bias", random(rng, 11));
        return tensors;
    }

    @Test
    void roundTripKeepsValuesShapesOrderAndMetadataExactly() throws IOException {
        Map<String, Tensor> tensors = sampleTensors();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("note", "unicode ✓ and \"quotes\" and <html> & 'apostrophes'");
        Path file = dir.resolve("model.safetensors");

        Safetensors.write(file, tensors, metadata);
        SafetensorsFile read = Safetensors.read(file);

        assertEquals(new ArrayList<>(tensors.keySet()), new ArrayList<>(read.tensors().keySet()));
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor back = read.tensor(e.getKey());
            assertArrayEquals(e.getValue().shape(), back.shape(), e.getKey());
            assertEquals(e.getValue(), back, e.getKey()); // Arrays.equals: bitwise for every value but NaN
        }
        assertEquals(0, read.tensor("step").shape().length);
        assertEquals(-0.0f, read.tensor("special").data()[1]);
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(read.tensor("special").data()[1]));
        assertEquals(metadata, read.metadata());
        assertEquals(new ArrayList<>(metadata.keySet()), new ArrayList<>(read.metadata().keySet()));
        assertEquals(metadata, Safetensors.readMetadata(file));
    }

    @Test
    void roundTripWithoutMetadataWritesNoMetadataEntryAndReadsEmptyMap() throws IOException {
        Path file = dir.resolve("plain.safetensors");
        Safetensors.write(file, Map.of("w", Tensor.scalar(1)), Map.of());
        assertTrue(Safetensors.read(file).metadata().isEmpty());
        assertTrue(!headerJson(file).has("__metadata__"));
    }

    @Test
    void headerIsEightByteAlignedSpacePaddedJsonWithTheDocumentedFields() throws IOException {
        Path file = dir.resolve("aligned.safetensors");
        Map<String, Tensor> tensors = sampleTensors();
        // try several name lengths so that the padding differs
        for (int extra = 0; extra < 8; extra++) {
            tensors.put("n" + "x".repeat(extra), Tensor.scalar(extra));
            Safetensors.write(file, tensors, Map.of("k", "v"));
            byte[] bytes = Files.readAllBytes(file);
            long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            assertEquals(0, (8 + n) % 8, "data must start 8-byte aligned");
            String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
            assertTrue(header.startsWith("{"));
            assertTrue(header.stripTrailing().endsWith("}"));
            assertTrue(header.substring(header.stripTrailing().length()).chars().allMatch(c -> c == ' '));

            JsonObject json = JsonParser.parseString(header).getAsJsonObject();
            assertEquals("v", json.getAsJsonObject("__metadata__").get("k").getAsString());
            long expectedBegin = 0;
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                JsonObject info = json.getAsJsonObject(e.getKey());
                assertEquals("F32", info.get("dtype").getAsString());
                JsonArray shape = info.getAsJsonArray("shape");
                assertEquals(e.getValue().shape().length, shape.size());
                for (int i = 0; i < shape.size(); i++) {
                    assertEquals(e.getValue().shape()[i], shape.get(i).getAsInt());
                }
                JsonArray offsets = info.getAsJsonArray("data_offsets");
                assertEquals(expectedBegin, offsets.get(0).getAsLong());
                expectedBegin += 4L * e.getValue().size();
                assertEquals(expectedBegin, offsets.get(1).getAsLong());
            }
            assertEquals(bytes.length, 8 + n + expectedBegin, "data buffer is exactly the tensors' bytes");
        }
    }

    @Test
    void dataIsLittleEndianRowMajorFloat32() throws IOException {
        Path file = dir.resolve("layout.safetensors");
        Safetensors.write(file, Map.of("m", new Tensor(new int[] {2, 2}, new float[] {1, 2, 3, 4})), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int dataStart = 8 + (int) b.getLong(0);
        assertEquals(dataStart + 16, bytes.length);
        for (int i = 0; i < 4; i++) {
            assertEquals(i + 1f, b.getFloat(dataStart + 4 * i));
        }
        assertEquals(0x3f800000, b.getInt(dataStart)); // 1.0f, low byte first
        assertEquals(0, bytes[dataStart]);
        assertEquals((byte) 0x3f, bytes[dataStart + 3]);
    }

    @Test
    void tensorsLargerThanOneStreamingChunkRoundTrip() throws IOException {
        Path file = dir.resolve("big.safetensors");
        Tensor big = random(new SplittableRandom(3), 1000, 700); // 2.8 MB, several 1 MB chunks
        Safetensors.write(file, Map.of("big", big, "tail", Tensor.scalar(-1)), Map.of());
        SafetensorsFile read = Safetensors.read(file);
        assertEquals(big, read.tensor("big"));
        assertEquals(Tensor.scalar(-1), read.tensor("tail"));
    }

    @Test
    void readingOrdersTensorsByDataOffsetNotByHeaderOrder() throws IOException {
        ByteBuffer data = RawSafetensors.data(12).putFloat(1).putFloat(2).putFloat(3);
        String header = "{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}";
        Path file = Files.write(dir.resolve("order.safetensors"), RawSafetensors.file(header, data.array()));
        SafetensorsFile read = Safetensors.read(file);
        assertEquals(List.of("a", "b"), new ArrayList<>(read.tensors().keySet()));
        assertEquals(Tensor.scalar(1), read.tensor("a"));
        assertArrayEquals(new float[] {2, 3}, read.tensor("b").data());
    }

    @Test
    void foreignDtypesF64F16Bf16I64I32AreConvertedToFloat() throws IOException {
        ByteBuffer data = RawSafetensors.data(16 + 14 + 6 + 16 + 8);
        data.putDouble(0.1).putDouble(-3e38);
        for (int h : new int[] {0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001, 0x7c00, 0x7e00}) {
            data.putShort((short) h);
        }
        for (int h : new int[] {0x3f80, 0xc000, 0x4049}) {
            data.putShort((short) h);
        }
        data.putLong(-5).putLong(1L << 40);
        data.putInt(7).putInt(Integer.MIN_VALUE);
        String header = "{\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[7],\"data_offsets\":[16,30]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[1,3],\"data_offsets\":[30,36]},"
                + "\"l\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[36,52]},"
                + "\"i\":{\"dtype\":\"I32\",\"shape\":[2,1],\"data_offsets\":[52,60]}}";
        Path file = Files.write(dir.resolve("foreign.safetensors"), RawSafetensors.file(header, data.array()));

        SafetensorsFile read = Safetensors.read(file);

        assertArrayEquals(new float[] {0.1f, -3e38f}, read.tensor("d").data());
        float[] h = read.tensor("h").data();
        assertArrayEquals(new float[] {1f, -2f, 0.5f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY}, Arrays.copyOf(h, 6));
        assertTrue(Float.isNaN(h[6]));
        assertArrayEquals(new int[] {1, 3}, read.tensor("bf").shape());
        assertArrayEquals(new float[] {1f, -2f, 3.140625f}, read.tensor("bf").data());
        assertArrayEquals(new float[] {-5f, 0x1p40f}, read.tensor("l").data());
        assertArrayEquals(new float[] {7f, (float) Integer.MIN_VALUE}, read.tensor("i").data());
    }

    @Test
    void halfPrecisionConversionMatchesTheIeeeDefinitionForAllNonNanValues() {
        for (int bits = 0; bits < 0x10000; bits++) {
            int exponent = (bits >>> 10) & 0x1f;
            int mantissa = bits & 0x3ff;
            double sign = (bits & 0x8000) != 0 ? -1 : 1;
            float actual = Dtype.halfToFloat(bits);
            if (exponent == 0x1f) {
                assertTrue(mantissa == 0 ? Float.isInfinite(actual) : Float.isNaN(actual));
                continue;
            }
            double expected = exponent == 0
                    ? sign * mantissa * Math.pow(2, -24)
                    : sign * (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
            assertEquals((float) expected, actual, "half bits " + Integer.toHexString(bits));
        }
    }

    @Test
    void writeRejectsTheReservedMetadataNameBeforeTouchingTheFile() throws IOException {
        Path file = dir.resolve("reserved.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(file, Map.of("__metadata__", Tensor.scalar(1)), Map.of()));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void readingAMissingFileThrowsNoSuchFileExceptionNamingIt() {
        Path missing = dir.resolve("nope.safetensors");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Safetensors.read(missing));
        assertTrue(e.getMessage().contains("nope.safetensors"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> Safetensors.readMetadata(missing));
    }

    @Test
    void askingForAnAbsentTensorNamesTheOnesThatExist() throws IOException {
        Path file = dir.resolve("names.safetensors");
        Safetensors.write(file, Map.of("weight", Tensor.scalar(1)), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.read(file).tensor("bias"));
        assertTrue(e.getMessage().contains("bias") && e.getMessage().contains("weight"), e.getMessage());
    }

    private static JsonObject headerJson(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return JsonParser.parseString(new String(bytes, 8, (int) n, StandardCharsets.UTF_8)).getAsJsonObject();
    }
}
