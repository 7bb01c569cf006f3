package org.hmem.task.concentration.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixed deck's {@code .npy} file: created once, read back, valid npy 1.0, and clear errors for wrong files. */
class DeckFileTest {

    @TempDir
    Path data;

    @Test
    void theDeckIsCreatedOnceAndReadBack() throws Exception {
        ConcentrationConfig cfg = ConcentrationConfig.of(5, 3, false);
        Deck created = DeckFile.loadOrCreate(data, cfg, 17);
        Path file = data.resolve("ConcentrationDataset/images-5.npy");
        assertEquals(file, DeckFile.path(data, 5));
        assertTrue(Files.isRegularFile(file));
        assertArrayEquals(Deck.random(2, 3, 17).values(), created.values(), "drawn from the seed");
        // a later run reads the file; its seed no longer matters
        Deck loaded = DeckFile.loadOrCreate(data, cfg, 99);
        assertArrayEquals(created.values(), loaded.values());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void theFileIsNumpyFormat10() throws Exception {
        DeckFile.loadOrCreate(data, ConcentrationConfig.of(4, 10, false), 1);
        byte[] bytes = Files.readAllBytes(DeckFile.path(data, 4));
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(bytes, 8));
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertEquals(0, (10 + headerLength) % 64, "data aligned to 64 bytes");
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 10), }", header.stripTrailing());
        assertTrue(header.endsWith("\n"));
        assertEquals(10 + headerLength + 2 * 10 * 8, bytes.length);
        double first = ByteBuffer.wrap(bytes, 10 + headerLength, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble();
        assertEquals(Deck.random(2, 10, 1).value(0, 0), first);
    }

    @Test
    void aDeckOfAnotherShapeIsRejectedWithTheFileNamed() throws Exception {
        write(DeckFile.path(data, 6), out -> Npy.write(out, 3, 4, new double[12]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeckFile.loadOrCreate(data, ConcentrationConfig.of(6, 5, false), 1));
        assertTrue(e.getMessage().contains("images-6.npy"), e.getMessage());
        assertTrue(e.getMessage().contains("shape (3, 4)") && e.getMessage().contains("need (3, 5)"),
                e.getMessage());
    }

    @Test
    void anotherDtypeIsRejected() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Npy.write(buf, 2, 2, new double[4]);
        String text = new String(buf.toByteArray(), StandardCharsets.ISO_8859_1).replace("'<f8'", "'<f4'");
        write(DeckFile.path(data, 4), out -> out.write(text.getBytes(StandardCharsets.ISO_8859_1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeckFile.loadOrCreate(data, ConcentrationConfig.of(4, 2, false), 1));
        assertTrue(e.getMessage().contains("images-4.npy") && e.getMessage().contains("'<f4'"), e.getMessage());
    }

    @Test
    void corruptFilesAreRejected() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Npy.write(buf, 1, 3, new double[] {0.1, 0.2, 0.3});
        byte[] good = buf.toByteArray();
        Path file = DeckFile.path(data, 2);
        ConcentrationConfig cfg = ConcentrationConfig.of(2, 3, false);
        write(file, out -> out.write(good));
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, DeckFile.loadOrCreate(data, cfg, 1).values());

        write(file, out -> out.write(good, 0, good.length - 1));
        assertTrue(message(cfg).contains("truncated"));
        write(file, out -> out.write("not numpy at all".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(message(cfg).contains("not a .npy file"));
        write(file, out -> out.write(new byte[0]));
        assertTrue(message(cfg).contains("not a .npy file"));
    }

    private String message(ConcentrationConfig cfg) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeckFile.loadOrCreate(data, cfg, 1));
        assertTrue(e.getMessage().contains(DeckFile.path(data, 2).toString()), e.getMessage());
        return e.getMessage();
    }

    private interface Content {
        void writeTo(OutputStream out) throws Exception;
    }

    private static void write(Path file, Content content) throws Exception {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            content.writeTo(out);
        }
    }
}
