package org.hmem.task.crossmodal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every accepted layout is found, the first complete one wins, and a miss says where to get what. */
class CrossModalFilesTest {

    @TempDir
    Path tmp;

    private static void recording(Path folder) throws Exception {
        Files.createDirectories(folder);
        Files.write(folder.resolve("3_theo_7.wav"), WavFixtures.wav(new short[] {1, 2}));
    }

    private static void mnist(Path folder, boolean gz) throws Exception {
        Files.createDirectories(folder);
        for (String name : CrossModalFiles.MNIST_FILES) {
            Files.write(folder.resolve(gz ? name + ".gz" : name), new byte[] {0});
        }
    }

    @Test
    void findsEachFsddLayout() throws Exception {
        for (String layout : new String[] {"fsdd/recordings", "FSDDataset/v1.0.10/recordings", "recordings", ""}) {
            Path dir = Files.createDirectories(tmp.resolve("fsdd-" + layout.length()));
            recording(dir.resolve(layout));
            assertEquals(dir.resolve(layout), CrossModalFiles.fsddRecordings(dir), layout);
        }
    }

    @Test
    void anEmptyFsddFolderDoesNotShadowAFullOne() throws Exception {
        Files.createDirectories(tmp.resolve("fsdd/recordings"));
        recording(tmp.resolve("recordings"));
        assertEquals(tmp.resolve("recordings"), CrossModalFiles.fsddRecordings(tmp));
    }

    @Test
    void missingFsddNamesThePlacesAndTheDownload() throws Exception {
        Files.createDirectories(tmp.resolve("fsdd/recordings"));
        CrossModalDataException e = assertThrows(CrossModalDataException.class,
                () -> CrossModalFiles.fsddRecordings(tmp));
        String m = e.getMessage();
        for (Path place : CrossModalFiles.fsddCandidates(tmp)) {
            assertTrue(m.contains(place.toString()), m);
        }
        assertTrue(m.contains("git clone -b v1.0.10 https://github.com/Jakobovski/free-spoken-digit-dataset"), m);
        assertTrue(m.contains("no <digit>_<speaker>_<index>.wav files"), m);
        assertTrue(m.contains(CrossModalFiles.DIR_ENV), m);
    }

    @Test
    void findsEachMnistLayoutGzippedOrNot() throws Exception {
        String[] layouts = {"mnist", "MNISTDataset/MNIST/raw", "MNISTDataset", ""};
        for (int i = 0; i < layouts.length; i++) {
            Path dir = Files.createDirectories(tmp.resolve("m" + i));
            mnist(dir.resolve(layouts[i]), i % 2 == 0);
            Path found = CrossModalFiles.mnistFolder(dir);
            assertEquals(dir.resolve(layouts[i]), found, layouts[i]);
            String name = "t10k-images-idx3-ubyte";
            assertEquals(found.resolve(i % 2 == 0 ? name + ".gz" : name), CrossModalFiles.mnistFile(found, name));
        }
    }

    @Test
    void missingMnistNamesTheMissingFilesAndTheDownload() throws Exception {
        Path mnist = Files.createDirectories(tmp.resolve("mnist"));
        Files.write(mnist.resolve("train-images-idx3-ubyte.gz"), new byte[] {0});
        CrossModalDataException e = assertThrows(CrossModalDataException.class,
                () -> CrossModalFiles.mnistFolder(tmp));
        String m = e.getMessage();
        assertTrue(m.contains(mnist + "/  (missing train-labels-idx1-ubyte[.gz], t10k-images"), m);
        assertTrue(m.contains(tmp.resolve("MNISTDataset/MNIST/raw") + "/  (no such directory)"), m);
        assertTrue(m.contains("t10k-labels-idx1-ubyte.gz from " + CrossModalFiles.MNIST_URL), m);
        assertTrue(m.contains("into " + mnist + "/"), m);
    }

    @Test
    void theFlagWinsOverTheEnvironment() {
        assertEquals(Path.of("/some/where"), CrossModalFiles.dir("/some/where"));
        String env = System.getenv(CrossModalFiles.DIR_ENV);
        assertEquals(Path.of(env != null && !env.isBlank() ? env : "data"), CrossModalFiles.dir(null));
    }
}
