package org.hmem.task.train.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Independent TFRecord reader for the tests: parses the framing and checks both masked CRCs, without sharing code
 * with the writer, so that a bug in the writer's framing cannot be mirrored here.
 */
final class TfRecordTestReader {

    /** Thrown for a truncated file or a CRC mismatch. */
    static final class CorruptRecordException extends IOException {
        CorruptRecordException(String message) {
            super(message);
        }
    }

    private TfRecordTestReader() { }

    static List<byte[]> read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    static List<byte[]> read(byte[] bytes) throws CorruptRecordException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> records = new ArrayList<>();
        while (buf.hasRemaining()) {
            int start = buf.position();
            if (buf.remaining() < 12) {
                throw new CorruptRecordException("truncated record header at offset " + start);
            }
            byte[] lengthBytes = new byte[8];
            buf.get(lengthBytes);
            int lengthCrc = buf.getInt();
            if (lengthCrc != mask(lengthBytes)) {
                throw new CorruptRecordException("length CRC mismatch at offset " + start);
            }
            long length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (length < 0 || length > buf.remaining() - 4) {
                throw new CorruptRecordException("record length " + length + " overruns the file at offset " + start);
            }
            byte[] data = new byte[(int) length];
            buf.get(data);
            int dataCrc = buf.getInt();
            if (dataCrc != mask(data)) {
                throw new CorruptRecordException("data CRC mismatch in record at offset " + start);
            }
            records.add(data);
        }
        return records;
    }

    /** Masked CRC-32C, written as a rotate so it does not mirror the writer's shift expression. */
    static int mask(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        long rotated = Integer.toUnsignedLong(Integer.rotateRight((int) crc.getValue(), 15));
        return (int) ((rotated + 0xa282ead8L) & 0xFFFFFFFFL);
    }

    static byte[] copy(byte[] b) {
        return Arrays.copyOf(b, b.length);
    }
}
