package org.hmem.engine.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds safetensors bytes by hand, for files this library would never write (foreign dtypes, corruption). */
final class RawSafetensors {

    private RawSafetensors() {
    }

    /** The 8-byte length of {@code headerJson}, the JSON itself, then {@code data}. */
    static byte[] file(String headerJson, byte[] data) {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        return file(header.length, header, data);
    }

    /** Like {@link #file(String, byte[])} but with an arbitrary (possibly lying) length field. */
    static byte[] file(long lengthField, byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(lengthField).put(header).put(data);
        return b.array();
    }

    /** A little-endian byte buffer of {@code bytes} bytes, for composing tensor data. */
    static ByteBuffer data(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
