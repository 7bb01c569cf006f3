package org.hmem.task.train.log;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written protobuf wire-format decoder for the tests: splits a message into its fields by number, keeping
 * varints as {@code Long}, fixed64 as {@code Long} bits, fixed32 as {@code Integer} bits and length-delimited
 * fields as {@code byte[]}. Unknown wire types fail the test.
 */
final class ProtoTestDecoder {

    private final Map<Integer, List<Object>> fields = new LinkedHashMap<>();

    private ProtoTestDecoder() { }

    static ProtoTestDecoder decode(byte[] message) {
        ProtoTestDecoder d = new ProtoTestDecoder();
        ByteBuffer buf = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            long key = readVarint(buf);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            Object value = switch (wire) {
                case 0 -> readVarint(buf);
                case 1 -> buf.getLong();
                case 2 -> {
                    byte[] b = new byte[(int) readVarint(buf)];
                    buf.get(b);
                    yield b;
                }
                case 5 -> buf.getInt();
                default -> throw new AssertionError("unexpected wire type " + wire + " for field " + field);
            };
            d.fields.computeIfAbsent(field, k -> new ArrayList<>()).add(value);
        }
        return d;
    }

    boolean has(int field) {
        return fields.containsKey(field);
    }

    List<Object> all(int field) {
        return fields.getOrDefault(field, List.of());
    }

    private Object single(int field) {
        List<Object> v = all(field);
        if (v.size() != 1) {
            throw new AssertionError("field " + field + " occurs " + v.size() + " times, expected once; fields: "
                    + fields.keySet());
        }
        return v.get(0);
    }

    long varint(int field) {
        return (Long) single(field);
    }

    double fixedDouble(int field) {
        return Double.longBitsToDouble((Long) single(field));
    }

    float fixedFloat(int field) {
        return Float.intBitsToFloat((Integer) single(field));
    }

    byte[] bytes(int field) {
        return (byte[]) single(field);
    }

    String string(int field) {
        return new String(bytes(field), StandardCharsets.UTF_8);
    }

    ProtoTestDecoder message(int field) {
        return decode(bytes(field));
    }

    private static long readVarint(ByteBuffer buf) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buf.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new AssertionError("varint longer than 10 bytes");
    }
}
