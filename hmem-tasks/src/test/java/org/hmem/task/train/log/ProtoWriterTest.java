package org.hmem.task.train.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known-answer checks of the wire encoding, from the examples in the protobuf encoding guide. */
class ProtoWriterTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void varintMatchesEncodingGuide() {
        assertArrayEquals(hex("089601"), new ProtoWriter().varint(1, 150).toByteArray());
        assertArrayEquals(hex("1000"), new ProtoWriter().varint(2, 0).toByteArray());
        // negative int64: ten bytes of two's complement
        assertArrayEquals(hex("10ffffffffffffffffff01"), new ProtoWriter().varint(2, -1).toByteArray());
    }

    @Test
    void stringAndNestedMessage() {
        assertArrayEquals(hex("120774657374696e67"), new ProtoWriter().string(2, "testing").toByteArray());
        assertArrayEquals(hex("1a03089601"),
                new ProtoWriter().message(3, new ProtoWriter().varint(1, 150)).toByteArray());
    }

    @Test
    void fixedWidthFieldsAreLittleEndian() {
        assertArrayEquals(hex("15" + "0000803f"), new ProtoWriter().fixedFloat(2, 1.0f).toByteArray());
        assertArrayEquals(hex("09" + "000000000000f03f"), new ProtoWriter().fixedDouble(1, 1.0).toByteArray());
    }

    @Test
    void fieldNumberZeroIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ProtoWriter().varint(0, 1));
    }
}
