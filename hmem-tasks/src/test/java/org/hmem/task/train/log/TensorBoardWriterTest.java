package org.hmem.task.train.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardWriterTest {

    // field numbers, restated here from the .proto files so the test does not trust the encoder's constants
    private static final int EVENT_WALL_TIME = 1, EVENT_STEP = 2, EVENT_FILE_VERSION = 3, EVENT_SUMMARY = 5;
    private static final int SUMMARY_VALUE = 1;
    private static final int VALUE_TAG = 1, VALUE_SIMPLE = 2, VALUE_TENSOR = 8, VALUE_METADATA = 9;

    @TempDir
    Path tmp;

    @Test
    void writesScalarsAndTextThatDecodeBack() throws IOException {
        Path runDir = tmp.resolve("runs/exp1");   // does not exist yet: the writer must create it
        double before = System.currentTimeMillis() / 1000.0;
        String params = "\t{\n\t  \"lr\": 0.001,\n\t  \"name\": \"bAbI ü\"\n\t}";
        Path file;
        try (TensorBoardWriter w = new TensorBoardWriter(runDir)) {
            file = w.file();
            w.scalar("Loss/train", 0, 1.25);
            w.scalar("Acc/train", 0, 0.1);
            w.scalar("Misc/lr", 1, 1e-3);
            w.scalar("Loss/val", 7_000_000_000L, -3.5);   // step beyond int range
            w.text("Info/params", 0, params);
        }
        double after = System.currentTimeMillis() / 1000.0 + 1e-3;

        assertEquals(runDir, file.getParent());
        String name = file.getFileName().toString();
        assertTrue(name.matches("events\\.out\\.tfevents\\.\\d{10,}\\.[A-Za-z0-9._-]+"), name);
        long fileSeconds = Long.parseLong(name.split("\\.")[3]);
        assertTrue(fileSeconds >= (long) before - 1 && fileSeconds <= (long) after + 1, "file time " + fileSeconds);

        List<byte[]> records = TfRecordTestReader.read(file);
        assertEquals(6, records.size());

        ProtoTestDecoder header = ProtoTestDecoder.decode(records.get(0));
        assertEquals("brain.Event:2", header.string(EVENT_FILE_VERSION));
        assertPlausible(header.fixedDouble(EVENT_WALL_TIME), before, after);
        assertFalse(header.has(EVENT_SUMMARY));

        assertScalar(records.get(1), "Loss/train", 0, 1.25f, before, after);
        assertScalar(records.get(2), "Acc/train", 0, 0.1f, before, after);
        assertScalar(records.get(3), "Misc/lr", 1, 1e-3f, before, after);
        assertScalar(records.get(4), "Loss/val", 7_000_000_000L, -3.5f, before, after);

        ProtoTestDecoder textEvent = ProtoTestDecoder.decode(records.get(5));
        assertPlausible(textEvent.fixedDouble(EVENT_WALL_TIME), before, after);
        assertEquals(0, textEvent.varint(EVENT_STEP));
        ProtoTestDecoder value = textEvent.message(EVENT_SUMMARY).message(SUMMARY_VALUE);
        assertEquals("Info/params", value.string(VALUE_TAG));
        assertFalse(value.has(VALUE_SIMPLE));
        // SummaryMetadata.plugin_data(1).plugin_name(1) == "text"
        assertEquals("text", value.message(VALUE_METADATA).message(1).string(1));
        ProtoTestDecoder tensor = value.message(VALUE_TENSOR);
        assertEquals(7, tensor.varint(1), "dtype must be DT_STRING");
        // TensorShapeProto.dim(2).size(1) == 1
        assertEquals(1, tensor.message(2).all(2).size());
        assertEquals(1, tensor.message(2).message(2).varint(1));
        assertEquals(params, new String(tensor.bytes(8), StandardCharsets.UTF_8));
    }

    private static void assertScalar(byte[] record, String tag, long step, float value, double before, double after) {
        ProtoTestDecoder event = ProtoTestDecoder.decode(record);
        assertPlausible(event.fixedDouble(EVENT_WALL_TIME), before, after);
        assertEquals(step, event.varint(EVENT_STEP));
        assertFalse(event.has(EVENT_FILE_VERSION));
        ProtoTestDecoder summary = event.message(EVENT_SUMMARY);
        assertEquals(1, summary.all(SUMMARY_VALUE).size());
        ProtoTestDecoder v = summary.message(SUMMARY_VALUE);
        assertEquals(tag, v.string(VALUE_TAG));
        assertEquals(value, v.fixedFloat(VALUE_SIMPLE));
    }

    private static void assertPlausible(double wallTime, double before, double after) {
        assertTrue(wallTime >= before - 1e-3 && wallTime <= after, "wall_time " + wallTime
                + " outside [" + before + ", " + after + "]");
    }

    @Test
    void headerRecordMatchesTheBytesEveryTensorBoardFileStartsWith() throws IOException {
        // A file_version event is 24 bytes (9 for wall_time, 15 for "brain.Event:2"), so every event file written
        // by TensorFlow/PyTorch begins 18 00 00 00 00 00 00 00 a3 7f 4b 22: length 24 and its masked CRC.
        Path file;
        try (TensorBoardWriter w = new TensorBoardWriter(tmp)) {
            file = w.file();
        }
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(12 + 24 + 4, bytes.length);
        byte[] expected = HexFormat.of().parseHex("1800000000000000a37f4b22");
        assertArrayEquals(expected, java.util.Arrays.copyOf(bytes, 12));
    }

    @Test
    void corruptedByteFailsCrcCheck() throws IOException {
        Path file;
        try (TensorBoardWriter w = new TensorBoardWriter(tmp)) {
            file = w.file();
            w.scalar("Loss/train", 3, 0.5);
        }
        byte[] good = Files.readAllBytes(file);
        assertEquals(2, TfRecordTestReader.read(good).size());
        int secondRecord = 12 + 24 + 4;

        byte[] badData = TfRecordTestReader.copy(good);
        badData[secondRecord + 12 + 5] ^= 0x01;   // inside the second record's payload
        var e1 = assertThrows(TfRecordTestReader.CorruptRecordException.class, () -> TfRecordTestReader.read(badData));
        assertTrue(e1.getMessage().contains("data CRC"), e1.getMessage());

        byte[] badLength = TfRecordTestReader.copy(good);
        badLength[secondRecord] ^= 0x01;          // the second record's length field
        var e2 = assertThrows(TfRecordTestReader.CorruptRecordException.class,
                () -> TfRecordTestReader.read(badLength));
        assertTrue(e2.getMessage().contains("length CRC"), e2.getMessage());

        byte[] badCrc = TfRecordTestReader.copy(good);
        badCrc[badCrc.length - 1] ^= 0x01;        // the trailing data CRC itself
        assertThrows(TfRecordTestReader.CorruptRecordException.class, () -> TfRecordTestReader.read(badCrc));
    }

    @Test
    void flushMakesRecordsVisibleBeforeClose() throws IOException {
        try (TensorBoardWriter w = new TensorBoardWriter(tmp)) {
            w.scalar("Loss/train", 0, 2.0);
            w.flush();
            assertEquals(2, TfRecordTestReader.read(w.file()).size());
        }
    }

    @Test
    void twoWritersInOneDirectoryDoNotClobberEachOther() throws IOException {
        try (TensorBoardWriter a = new TensorBoardWriter(tmp); TensorBoardWriter b = new TensorBoardWriter(tmp)) {
            assertNotEquals(a.file(), b.file());
            a.scalar("Loss/train", 0, 1);
            b.scalar("Loss/train", 0, 2);
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(2, files.filter(p -> p.getFileName().toString().contains("tfevents")).count());
        }
    }

    @Test
    void rejectsUseAfterCloseAndBlankTags() {
        TensorBoardWriter w = new TensorBoardWriter(tmp);
        assertThrows(IllegalArgumentException.class, () -> w.scalar(" ", 0, 1));
        assertThrows(NullPointerException.class, () -> w.text("Info/params", 0, null));
        w.close();
        w.close();   // idempotent
        var e = assertThrows(IllegalStateException.class, () -> w.scalar("Loss/train", 0, 1));
        assertTrue(e.getMessage().contains(w.file().toString()), e.getMessage());
    }

    @Test
    void unwritableRunDirectoryGivesClearError() throws IOException {
        Path notADir = Files.writeString(tmp.resolve("plain-file"), "x");
        var e = assertThrows(UncheckedIOException.class, () -> new TensorBoardWriter(notADir.resolve("run")));
        assertTrue(e.getMessage().contains("run directory") && e.getMessage().contains(notADir.toString()),
                e.getMessage());
    }
}
