package org.hmem.task.train.log;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * The TFRecord container format TensorBoard event files use: each record is
 * {@code uint64 length (LE) | uint32 masked_crc32c(length bytes) | data | uint32 masked_crc32c(data)}.
 *
 * <p>The CRCs are masked (rotated and offset) because, per the TFRecord documentation, computing a CRC over data
 * that itself contains CRCs gives poorly distributed values; TensorBoard rejects records whose masked CRC differs.
 */
final class TfRecordFraming {

    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecordFraming() { }

    /** Writes one framed record. */
    static void writeRecord(OutputStream out, byte[] data) throws IOException {
        byte[] length = littleEndian(data.length, 8);
        out.write(length);
        out.write(littleEndian(maskedCrc32c(length), 4));
        out.write(data);
        out.write(littleEndian(maskedCrc32c(data), 4));
    }

    /** {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8} in 32-bit arithmetic, crc being CRC-32C of {@code data}. */
    static int maskedCrc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    private static byte[] littleEndian(long value, int width) {
        byte[] b = new byte[width];
        for (int i = 0; i < width; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return b;
    }
}
