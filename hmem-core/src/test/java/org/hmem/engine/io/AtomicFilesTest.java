package org.hmem.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static byte[] pattern(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    @Test
    void writerThatThrowsMidwayLeavesThePreviousFileByteIdenticalAndNoTempFile() throws IOException {
        Path target = dir.resolve("state.bin");
        byte[] old = pattern(100_000, 1);
        AtomicFiles.write(target, out -> out.write(old));

        IOException boom = new IOException("disk on fire");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(pattern(3_000_000, 2)); // well past the stream's buffer, so bytes reached the temp file
            throw boom;
        }));

        assertSame(boom, thrown);
        assertArrayEquals(old, Files.readAllBytes(target));
        assertEquals(List.of("state.bin"), namesIn(dir));
    }

    @Test
    void writerThatThrowsAnUncheckedExceptionAlsoLeavesNoTraceAndPropagatesIt() throws IOException {
        Path target = dir.resolve("fresh.bin");
        IllegalStateException bug = new IllegalStateException("bug in the writer");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(pattern(10, 0));
            throw bug;
        })));
        assertEquals(List.of(), namesIn(dir));
    }

    @Test
    void tempFileIsAHiddenSiblingNamedAfterTheTarget() throws IOException {
        Path target = dir.resolve("model.safetensors");
        AtomicFiles.write(target, out -> {
            List<String> during = namesIn(dir);
            assertEquals(1, during.size(), during.toString());
            assertTrue(during.get(0).startsWith(".model.safetensors.tmp"), during.get(0));
            out.write(1);
        });
        assertEquals(List.of("model.safetensors"), namesIn(dir));
    }

    @Test
    void writeCreatesMissingParentDirectoriesAndReplacesExistingContent() throws IOException {
        Path target = dir.resolve("a/b/c/out.bin");
        AtomicFiles.write(target, out -> out.write(pattern(5000, 3)));
        assertArrayEquals(pattern(5000, 3), Files.readAllBytes(target));
        AtomicFiles.write(target, out -> out.write(pattern(7, 4)));
        assertArrayEquals(pattern(7, 4), Files.readAllBytes(target));
        assertEquals(List.of("out.bin"), namesIn(target.getParent()));
    }

    @Test
    void writerThatClosesItsStreamStillProducesTheCompleteFile() throws IOException {
        Path target = dir.resolve("closed.bin");
        byte[] content = pattern(200_000, 5);
        AtomicFiles.write(target, out -> {
            out.write(content);
            out.close();
        });
        assertArrayEquals(content, Files.readAllBytes(target));
    }

    @Test
    void relativeTargetIsWrittenRelativeToTheWorkingDirectory() throws IOException {
        Path relative = Path.of("target", "atomic-files-test-" + ProcessHandle.current().pid() + ".bin");
        try {
            AtomicFiles.write(relative, out -> out.write(pattern(3, 6)));
            assertArrayEquals(pattern(3, 6), Files.readAllBytes(relative));
        } finally {
            Files.deleteIfExists(relative);
        }
    }
}
