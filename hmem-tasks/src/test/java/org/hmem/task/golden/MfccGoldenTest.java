package org.hmem.task.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.hmem.engine.golden.GoldenCase;
import org.hmem.engine.golden.GoldenFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the MFCC golden check on the two MFCC cases directly, until {@code cross_modal/} joins
 * {@link GoldenFiles#TASK_FOLDERS} (then {@link GoldenSuiteTest} runs them too, through its kind table).
 */
class MfccGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"mfcc_fsdd_requested.json", "mfcc_fsdd_crop.json"})
    void matchesTheReference(String name) throws Exception {
        Path file = GoldenFiles.directory().resolve("cross_modal").resolve(name);
        GoldenCase c = GoldenCase.load(file);
        assertEquals(MfccGolden.KIND, c.kind());
        MfccGolden.check(c);
    }
}
