package org.hmem.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.hmem.engine.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The converted checkpoints of the original PyTorch models must load, and survive a write/read round trip. */
class PretrainedCheckpointsTest {

    private static final String[] FILES = {
        "fsdd-digit-classifier.safetensors", "mnist-digit-classifier.safetensors", "omniglot-protonet.safetensors"};

    @TempDir
    Path dir;

    /** {@code <repoRoot>/../shared/data/pretrained}, or null when this checkout has no shared data. */
    static Path pretrainedDir() {
        String property = System.getProperty("hmem.repoRoot");
        Path root = property != null && !property.isBlank() ? Paths.get(property) : findRepoRoot();
        if (root == null) {
            return null;
        }
        root = root.toAbsolutePath().normalize();
        for (Path shared : new Path[] {root.resolveSibling("shared"), root.resolve("shared")}) {
            Path pretrained = shared.resolve("data").resolve("pretrained");
            if (Files.isDirectory(pretrained)) {
                return pretrained;
            }
        }
        return null;
    }

    /** The nearest directory at or above the working directory that holds the hmem-core module. */
    private static Path findRepoRoot() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("hmem-core")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return null;
    }

    private static Path pretrained(String name) {
        Path dir = pretrainedDir();
        Assumptions.assumeTrue(dir != null, "no shared/data/pretrained folder next to the repository");
        return dir.resolve(name);
    }

    @Test
    void allThreePretrainedCheckpointsLoadWithFiniteNonZeroConvWeights() throws IOException {
        for (String name : FILES) {
            SafetensorsFile file = Safetensors.read(pretrained(name));
            for (int layer = 0; layer < 4; layer++) {
                Tensor w = file.tensor("encoder." + layer + ".0.weight");
                assertArrayEquals(new int[] {64, layer == 0 ? 1 : 64, 3, 3}, w.shape(), name + " layer " + layer);
                assertFiniteAndNotAllZero(w, name + " encoder." + layer);
            }
            assertTrue(file.metadata().get("source").startsWith("IGITUGraz/MemoryDependentComputation"), name);
            assertTrue(file.metadata().containsKey("original_checkpoint_fields"), name);
        }
    }

    @Test
    void digitClassifiersHaveTheLinearReadoutAndOmniglotHasNone() throws IOException {
        for (String name : new String[] {FILES[0], FILES[1]}) {
            SafetensorsFile file = Safetensors.read(pretrained(name));
            assertArrayEquals(new int[] {10, 64}, file.tensor("linear.weight").shape());
            assertArrayEquals(new int[] {10}, file.tensor("linear.bias").shape());
            assertFiniteAndNotAllZero(file.tensor("linear.weight"), name);
            assertEquals(6, file.tensors().size(), name);
        }
        SafetensorsFile omniglot = Safetensors.read(pretrained(FILES[2]));
        assertEquals(4, omniglot.tensors().size());
        assertFalse(omniglot.tensors().containsKey("linear.weight"));
    }

    @Test
    void pretrainedCheckpointRoundTripsThroughOurWriterUnchanged() throws IOException {
        SafetensorsFile original = Safetensors.read(pretrained(FILES[0]));
        Path copy = dir.resolve("copy.safetensors");
        Safetensors.write(copy, original.tensors(), original.metadata());
        SafetensorsFile back = Safetensors.read(copy);
        assertEquals(original.tensors(), back.tensors());
        assertEquals(original.metadata(), back.metadata());
        assertEquals(original.metadata(), Safetensors.readMetadata(pretrained(FILES[0])));
    }

    private static void assertFiniteAndNotAllZero(Tensor t, String what) {
        boolean nonZero = false;
        for (float v : t.data()) {
            assertTrue(Float.isFinite(v), what + " holds " + v);
            nonZero |= v != 0;
        }
        assertTrue(nonZero, what + " is all zeros");
    }
}
