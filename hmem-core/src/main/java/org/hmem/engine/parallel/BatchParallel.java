package org.hmem.engine.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits a batch over a fixed number of worker threads. Worker {@code w} always gets the same contiguous range of
 * samples, so per-worker results (e.g. gradient buffers) reduced in worker order give identical numbers run after
 * run for a given thread count. With one thread everything runs on the caller's thread.
 */
public final class BatchParallel implements AutoCloseable {

    /** Work on one sample by one worker. */
    @FunctionalInterface
    public interface SampleTask {
        void run(int worker, int sample);
    }

    private final int threads;
    private final ExecutorService pool;

    public BatchParallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one thread, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            this.pool = null;
        } else {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "hmem-worker-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            this.pool = Executors.newFixedThreadPool(threads - 1, factory);
        }
    }

    /** All available processors. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code task} for every sample in [0, batch); returns when all are done; rethrows the first failure. */
    public void forEach(int batch, SampleTask task) {
        int workers = Math.min(threads, Math.max(batch, 1));
        if (workers == 1) {
            for (int b = 0; b < batch; b++) {
                task.run(0, b);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(workers - 1);
        for (int w = 1; w < workers; w++) {
            final int worker = w;
            futures.add(pool.submit(() -> runRange(worker, workers, batch, task)));
        }
        RuntimeException failure = null;
        try {
            runRange(0, workers, batch, task);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for workers", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    Throwable c = e.getCause();
                    failure = c instanceof RuntimeException re ? re : new IllegalStateException(c);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void runRange(int worker, int workers, int batch, SampleTask task) {
        int from = (int) ((long) batch * worker / workers);
        int to = (int) ((long) batch * (worker + 1) / workers);
        for (int b = from; b < to; b++) {
            task.run(worker, b);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
