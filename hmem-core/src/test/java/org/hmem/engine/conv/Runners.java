package org.hmem.engine.conv;

import org.hmem.engine.parallel.BatchParallel;

/** The adapter from the engine's thread pool to {@link SampleRunner}, as a task would write it. */
final class Runners {

    private Runners() {
    }

    static SampleRunner of(BatchParallel par) {
        return new SampleRunner() {
            @Override
            public int workers() {
                return par.threads();
            }

            @Override
            public void forEach(int batch, Task task) {
                par.forEach(batch, task::run);
            }
        };
    }
}
