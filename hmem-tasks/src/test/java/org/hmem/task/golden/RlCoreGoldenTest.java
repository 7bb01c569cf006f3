package org.hmem.task.golden;

import java.nio.file.Path;

import org.hmem.engine.golden.GoldenCase;
import org.hmem.engine.golden.GoldenFiles;
import org.junit.jupiter.api.Test;

/** Runs the rl_core golden case on its own while the rl folder is not yet in the suite. */
class RlCoreGoldenTest {
    @Test
    void core() throws Exception {
        Path file = GoldenFiles.directory().resolve("rl/rl_core_4cells_T40.json");
        RlCoreGolden.check(GoldenCase.load(file));
    }
}
