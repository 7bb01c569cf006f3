package org.hmem.task.crossmodal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hmem.engine.golden.GoldenFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real FSDD v1.0.10 recordings ({@code <repoRoot>/../shared/data/fsdd}; skipped where absent): all 3000 files
 * read and preprocess, the splits have the reference's sizes, and the cache reproduces them bit for bit. Prints the
 * one-time preprocessing cost.
 */
class FsddRealDataTest {

    @TempDir
    Path tmp;

    @Test
    void splitsHaveTheReferenceSizesAndSurviveTheCache() {
        Path dir = GoldenFiles.shared().resolve("data");
        assumeTrue(Files.isDirectory(dir.resolve("fsdd/recordings")), "no FSDD data under " + dir);
        Path folder = CrossModalFiles.fsddRecordings(dir);
        assertEquals(dir.resolve("fsdd/recordings"), folder);
        Mfcc mfcc = new Mfcc();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int[] sizes = {2700, 300};
        for (CrossModalSplit split : CrossModalSplit.values()) {
            long start = System.nanoTime();
            FsddSplit built = FsddSplits.load(folder, split, mfcc, tmp, log);
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            FsddSplit cached = FsddSplits.load(folder, split, mfcc, tmp, log);
            double cacheSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("FSDD %s: %d recordings preprocessed in %.2f s, read from the cache in %.3f s%n",
                    split.id(), built.size(), buildSeconds, cacheSeconds);
            assertEquals(sizes[split.ordinal()], built.size(), split.id());
            for (int d = 0; d < 10; d++) {
                assertEquals(sizes[split.ordinal()] / 10, built.itemsOfClass(d).length, split.id() + " digit " + d);
            }
            assertEquals(built, cached, "cache on == cache off");
            for (int i = 0; i < built.size(); i++) {
                int index = FsddRecordingName.parse(built.file(i)).index();
                assertEquals(split == CrossModalSplit.TEST, index <= 4, built.file(i));
            }
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("FSDD train: 2700 recordings read from the cache"), text);
        System.out.print(text);
    }
}
