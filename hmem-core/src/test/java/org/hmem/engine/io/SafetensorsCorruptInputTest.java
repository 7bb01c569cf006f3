package org.hmem.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hmem.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of broken file must fail with a {@link CheckpointFormatException} that names the file and problem. */
class SafetensorsCorruptInputTest {

    @TempDir
    Path dir;

    private static final String ONE_TENSOR = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    /** Writes {@code bytes}, reads them back, and returns the failure's message after checking it names the file. */
    private String failureReading(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("broken.safetensors"), bytes);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertEquals(file, e.file());
        CheckpointFormatException header = assertThrows(CheckpointFormatException.class,
                () -> Safetensors.readMetadata(file));
        assertEquals(e.getMessage(), header.getMessage(), "readMetadata validates the same header");
        return e.problem();
    }

    private String failureReading(String header, int dataBytes) throws IOException {
        return failureReading(RawSafetensors.file(header, new byte[dataBytes]));
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void fileShorterThanTheLengthFieldIsReported() throws IOException {
        assertMentions(failureReading(new byte[5]), "5 bytes", "shorter than the 8-byte header length");
        assertMentions(failureReading(new byte[0]), "0 bytes", "shorter");
    }

    @Test
    void truncatedFileIsReportedAsDataOutsideTheBuffer() throws IOException {
        Path good = dir.resolve("good.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", new Tensor(new int[] {100}, new float[100]));
        tensors.put("b", new Tensor(new int[] {10, 10}, new float[100]));
        Safetensors.write(good, tensors, Map.of());
        byte[] bytes = Files.readAllBytes(good);
        String problem = failureReading(Arrays.copyOf(bytes, bytes.length - 100));
        assertMentions(problem, "tensor 'b'", "outside the data buffer", "truncated");
    }

    @Test
    void fileTruncatedInsideTheHeaderIsReportedAsHeaderLengthTooLarge() throws IOException {
        byte[] bytes = RawSafetensors.file(ONE_TENSOR, new byte[8]);
        assertMentions(failureReading(Arrays.copyOf(bytes, 20)), "header length", "larger than the 12 bytes");
    }

    @Test
    void headerLengthLargerThanTheFileIsReported() throws IOException {
        byte[] header = ONE_TENSOR.getBytes(StandardCharsets.UTF_8);
        assertMentions(failureReading(RawSafetensors.file(1_000_000, header, new byte[8])),
                "header length 1000000", "larger than the");
        // a length with the top bit set is a huge unsigned number, not a negative one
        assertMentions(failureReading(RawSafetensors.file(-1L, header, new byte[8])),
                "header length 18446744073709551615", "larger than the");
    }

    @Test
    void headerThatIsNotJsonIsReportedWithItsPosition() throws IOException {
        assertMentions(failureReading("{not json}", 0), "not valid JSON", "line 1 column");
        assertMentions(failureReading("{\"w\": {", 0), "not valid JSON");
        assertMentions(failureReading("", 0), "not valid JSON");
        assertMentions(failureReading("{} {}", 0), "not valid JSON");
        assertMentions(failureReading("[1, 2]", 0), "not a JSON object");
    }

    @Test
    void headerThatIsNotUtf8IsReported() throws IOException {
        byte[] header = {'{', '"', (byte) 0xff, '"', ':', '1', '}', ' '};
        assertMentions(failureReading(RawSafetensors.file(header.length, header, new byte[0])), "UTF-8");
    }

    @Test
    void unknownDtypeIsReportedWithTheSupportedOnes() throws IOException {
        String problem = failureReading("{\"w\":{\"dtype\":\"C64\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8);
        assertMentions(problem, "tensor 'w'", "dtype 'C64'", "F32", "BF16");
    }

    @Test
    void shapeThatDisagreesWithTheOffsetsIsReported() throws IOException {
        String problem = failureReading("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8);
        assertMentions(problem, "tensor 'w'", "needs 12 bytes", "span 8");
        problem = failureReading("{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8);
        assertMentions(problem, "F64", "needs 16 bytes");
    }

    @Test
    void offsetsBeyondTheDataBufferAreReported() throws IOException {
        String problem = failureReading("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 8);
        assertMentions(problem, "tensor 'w'", "[8, 16]", "outside the data buffer of 8 bytes");
    }

    @Test
    void overlappingOffsetsAreReported() throws IOException {
        String problem = failureReading("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12);
        assertMentions(problem, "tensor 'b'", "overlap", "tensor 'a'");
    }

    @Test
    void gapBetweenTensorsIsReported() throws IOException {
        String problem = failureReading("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12);
        assertMentions(problem, "[4, 8)", "belong to no tensor", "'b'");
    }

    @Test
    void trailingBytesAfterTheLastTensorAreReportedAsDataSizeMismatch() throws IOException {
        assertMentions(failureReading(ONE_TENSOR, 12), "data size mismatch", "cover 8 bytes", "holds 12");
    }

    @Test
    void offsetsThatEndBeforeTheyBeginAreReported() throws IOException {
        assertMentions(failureReading("{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}", 8),
                "data_offsets [8, 0]", "begin after they end");
    }

    @Test
    void malformedShapesAndOffsetsAreReported() throws IOException {
        assertMentions(failureReading("{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8),
                "tensor 'w' shape", "non-negative integers");
        assertMentions(failureReading("{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,8]}}", 8),
                "tensor 'w' shape", "non-negative integers");
        assertMentions(failureReading("{\"w\":{\"dtype\":\"F32\",\"shape\":\"2\",\"data_offsets\":[0,8]}}", 8),
                "tensor 'w' shape", "must be an array");
        assertMentions(failureReading("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", 8),
                "tensor 'w' data_offsets", "array of 2");
        assertMentions(failureReading("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8),
                "tensor 'w' data_offsets", "got null");
        assertMentions(failureReading("{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "tensor 'w' has no dtype");
        assertMentions(failureReading("{\"w\":[1,2]}", 0), "tensor 'w'", "JSON object");
        assertMentions(failureReading("{\"w\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}", 8),
                "more elements than a Java array");
    }

    @Test
    void nonStringMetadataValuesAreReported() throws IOException {
        String header = "{\"__metadata__\":{\"epoch\":19},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertMentions(failureReading(header, 8), "__metadata__ value of 'epoch'", "must be a string");
        assertMentions(failureReading("{\"__metadata__\":[1]}", 0), "__metadata__ must be a JSON object");
    }

    @Test
    void duplicateTensorNamesAreReported() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertMentions(failureReading(header, 8), "names 'w' twice");
    }
}
