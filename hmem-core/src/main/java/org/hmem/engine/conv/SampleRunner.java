package org.hmem.engine.conv;

import org.hmem.engine.parallel.BatchParallel;

/**
 * How {@link Conv2d} (and {@link ProtoNet}) spread per-sample work over worker threads: {@link #SERIAL}, or a
 * {@link BatchParallel} pool through {@link #of}. Each worker sums its weight gradients in its own buffer and the
 * buffers are reduced in worker order, so results are reproducible when the runner gives every worker the same
 * samples each time (BatchParallel does).
 */
public interface SampleRunner {

    /** Work on one sample by one worker. */
    @FunctionalInterface
    interface Task {
        void run(int worker, int sample);
    }

    /** Runs everything on the caller's thread. */
    SampleRunner SERIAL = new SampleRunner() {
        @Override
        public int workers() {
            return 1;
        }

        @Override
        public void forEach(int batch, Task task) {
            for (int b = 0; b < batch; b++) {
                task.run(0, b);
            }
        }
    };

    /** The samples spread over {@code pool}'s threads. */
    static SampleRunner of(BatchParallel pool) {
        return new SampleRunner() {
            @Override
            public int workers() {
                return pool.threads();
            }

            @Override
            public void forEach(int batch, Task task) {
                pool.forEach(batch, task::run);
            }
        };
    }

    /** How many workers there are; the worker ids handed to tasks are below this. */
    int workers();

    /** Runs {@code task} for every sample in [0, batch) and returns when all are done; rethrows a failure. */
    void forEach(int batch, Task task);
}
