package org.hmem.task.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureFileTest {

    private static Figure smallFigure() {
        return Figure.single(MatrixPanel.gray("tiny", new float[] {0f, 1f, 2f, 3f}, 2, 2));
    }

    @Test
    void savePngCreatesParentsAndLeavesNoTempFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a/b/figure.png");
        smallFigure().savePng(file, 320, 240);
        BufferedImage png = ImageIO.read(file.toFile());
        assertEquals(320, png.getWidth());
        assertEquals(240, png.getHeight());
        assertEquals(List.of(file), list(file.getParent()));
    }

    @Test
    void savePngReplacesAnOldFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("figure.png");
        Files.writeString(file, "old");
        smallFigure().savePng(file, 200, 100);
        assertEquals(200, ImageIO.read(file.toFile()).getWidth());
        assertEquals(List.of(file), list(dir));
    }



    @Test
    void rejectsBadLayouts() {
        assertThrows(IllegalArgumentException.class, () -> Figure.grid(1, 2).widthRatios(1));
        assertThrows(IllegalArgumentException.class, () -> Figure.grid(1, 2).widthRatios(1, 0));
        Figure f = Figure.grid(1, 1).add(0, 0, MatrixPanel.gray("x", new float[] {1f}, 1, 1));
        assertThrows(IllegalStateException.class, () -> f.add(0, 0, MatrixPanel.gray("y", new float[] {1f}, 1, 1)));
        assertThrows(IndexOutOfBoundsException.class, () -> f.add(1, 0, MatrixPanel.gray("y", new float[] {1f}, 1, 1)));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
