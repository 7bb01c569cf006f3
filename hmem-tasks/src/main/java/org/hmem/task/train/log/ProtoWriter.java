package org.hmem.task.train.log;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Minimal protocol-buffer encoder for the handful of field types the TensorBoard event messages use.
 *
 * <p>Hand-written so the project does not pull in the protobuf runtime for three tiny messages. Fields are written
 * in the order the caller adds them; proto3 readers accept any order and explicit default values.
 */
final class ProtoWriter {

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH_DELIMITED = 2;
    private static final int WIRE_FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** {@code int64}, {@code int32} and enum fields: a varint; negatives take the 10-byte two's-complement form. */
    ProtoWriter varint(int field, long value) {
        key(field, WIRE_VARINT);
        rawVarint(value);
        return this;
    }

    /** {@code double} fields: 8 bytes, little-endian. */
    ProtoWriter fixedDouble(int field, double value) {
        key(field, WIRE_FIXED64);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)));
        }
        return this;
    }

    /** {@code float} fields: 4 bytes, little-endian. */
    ProtoWriter fixedFloat(int field, float value) {
        key(field, WIRE_FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write(bits >>> (8 * i));
        }
        return this;
    }

    /** {@code bytes} fields. */
    ProtoWriter bytes(int field, byte[] value) {
        key(field, WIRE_LENGTH_DELIMITED);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    /** {@code string} fields, UTF-8 encoded as the protobuf spec requires. */
    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Embedded-message fields. */
    ProtoWriter message(int field, ProtoWriter value) {
        return bytes(field, value.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void key(int field, int wireType) {
        if (field < 1) {
            throw new IllegalArgumentException("protobuf field numbers start at 1, got " + field);
        }
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
