package org.hmem.task.golden;

import org.hmem.engine.golden.GoldenCase;
import org.hmem.engine.golden.GoldenFiles;
import org.junit.jupiter.api.Test;

/** The cross-modal model's golden case, until the suite discovers the {@code cross_modal/} folder. */
class CrossModalGoldenTest {
    @Test
    void model() throws Exception {
        CrossModalGolden.check(GoldenCase.load(
                GoldenFiles.directory().resolve("cross_modal/cross_modal_associations_T12.json")));
    }
}
