package org.hmem.task.golden;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hmem.engine.golden.Compare;
import org.hmem.engine.golden.ConvGoldenChecks;
import org.hmem.engine.golden.CoreGoldenChecks;
import org.hmem.engine.golden.GoldenCase;
import org.hmem.engine.golden.GoldenCheck;
import org.hmem.engine.golden.GoldenFiles;
import org.hmem.engine.golden.PrototypicalLossGolden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden suite: one test per JSON file in the golden folder (default {@code ../shared/golden}, overridable with
 * {@code HMEM_GOLDEN} or {@code -Dhmem.golden}), dispatched on the file's {@code kind}. A file of a kind nobody
 * checks fails; adding a file of a known kind adds a test without code changes.
 */
class GoldenSuiteTest {

    static Map<String, GoldenCheck> checks() {
        Map<String, GoldenCheck> all = new LinkedHashMap<>(CoreGoldenChecks.all());
        all.putAll(ModelGoldenChecks.all());
        all.putAll(ConvGoldenChecks.all());
        all.put(PrototypicalLossGolden.KIND, PrototypicalLossGolden::check);
        all.put(CrossModalGolden.KIND, CrossModalGolden::check);
        all.put(MfccGolden.KIND, MfccGolden::check);
        all.put(ConcentrationEnvGolden.KIND, ConcentrationEnvGolden::check);
        all.put(RlCoreGolden.KIND, RlCoreGolden::check);
        return all;
    }

    /** Loads one file, dispatches on its kind and runs the check; prints the worst errors seen. */
    static void checkFile(Path file, Map<String, GoldenCheck> checks) throws Exception {
        GoldenCase c = GoldenCase.load(file);
        GoldenCheck check = checks.get(c.kind());
        if (check == null) {
            fail(file.getFileName() + " has kind '" + c.kind() + "', which no check handles; known kinds: "
                    + checks.keySet());
        }
        Compare.resetStats();
        check.check(c);
        // a check with its own tolerances (the MFCC one) prints its own line
        if (Compare.anyCompared()) {
            System.out.println("golden " + GoldenFiles.displayName(file) + " [" + c.kind() + "]: " + Compare.stats());
        }
    }

    @TestFactory
    Stream<DynamicTest> goldenFiles() throws Exception {
        Map<String, GoldenCheck> checks = checks();
        List<Path> files = GoldenFiles.all();
        return files.stream().map(file -> DynamicTest.dynamicTest(GoldenFiles.displayName(file), file.toUri(),
                () -> checkFile(file, checks)));
    }

    @Test
    void aFileOfAnUnknownKindFailsLoudly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("case9_future.json");
        Files.writeString(file, "{\"case\": \"case9_future\", \"kind\": \"omniglot_model\", \"config\": {}}");
        AssertionError e = assertThrows(AssertionError.class, () -> checkFile(file, checks()));
        assertTrue(e.getMessage().contains("kind 'omniglot_model', which no check handles"), e.getMessage());
    }
}
