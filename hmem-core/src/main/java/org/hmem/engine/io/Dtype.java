package org.hmem.engine.io;

import java.nio.ByteBuffer;

/**
 * The safetensors element types this reader converts to float32. Foreign checkpoints (PyTorch exports in half
 * precision, batch-norm step counters in int64) must still load; the engine itself computes in float32 only.
 * Each decoder reads {@code count} little-endian elements from {@code src}'s position.
 */
enum Dtype {
    F32(4) {
        @Override
        void decode(ByteBuffer src, float[] dst, int off, int count) {
            src.asFloatBuffer().get(dst, off, count);
            src.position(src.position() + count * 4);
        }
    },
    F64(8) {
        @Override
        void decode(ByteBuffer src, float[] dst, int off, int count) {
            for (int i = 0; i < count; i++) {
                dst[off + i] = (float) src.getDouble();
            }
        }
    },
    F16(2) {
        @Override
        void decode(ByteBuffer src, float[] dst, int off, int count) {
            for (int i = 0; i < count; i++) {
                dst[off + i] = halfToFloat(src.getShort() & 0xffff);
            }
        }
    },
    BF16(2) {
        @Override
        void decode(ByteBuffer src, float[] dst, int off, int count) {
            for (int i = 0; i < count; i++) {
                dst[off + i] = Float.intBitsToFloat((src.getShort() & 0xffff) << 16);
            }
        }
    },
    I64(8) {
        @Override
        void decode(ByteBuffer src, float[] dst, int off, int count) {
            for (int i = 0; i < count; i++) {
                dst[off + i] = (float) src.getLong();
            }
        }
    },
    I32(4) {
        @Override
        void decode(ByteBuffer src, float[] dst, int off, int count) {
            for (int i = 0; i < count; i++) {
                dst[off + i] = (float) src.getInt();
            }
        }
    };

    final int bytes;

    Dtype(int bytes) {
        this.bytes = bytes;
    }

    abstract void decode(ByteBuffer src, float[] dst, int off, int count);

    /** The type called {@code name} in a header, or null if this reader does not convert it. */
    static Dtype named(String name) {
        for (Dtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** IEEE 754 binary16 to binary32; exact, since every half value is representable as a float. */
    static float halfToFloat(int half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 127 - 15) << 23) | (mantissa << 13));
    }
}
