package org.hmem.engine.conv;

import java.util.SplittableRandom;

import org.hmem.engine.init.Init;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.simd.Simd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Forward + backward time of the ProtoNet pretraining step (spec §8.9: 60 classes × 6 images of 28×28 = 360), with
 * and without batch norm, on one thread and on all processors. Off by default; run with {@code -Dhmem.bench=true}.
 */
@EnabledIfSystemProperty(named = "hmem.bench", matches = "true")
class ProtoNetBenchmarkTest {

    private static final int BATCH = 360;
    private static final int WARMUP = 2;
    private static final int RUNS = 4;

    @Test
    void pretrainingStepTime() {
        System.out.println("kernels: " + Simd.describe());
        for (boolean bn : new boolean[] {false, true}) {
            for (int threads : new int[] {1, BatchParallel.defaultThreads()}) {
                time(bn, threads);
            }
        }
    }

    private static void time(boolean bn, int threads) {
        ProtoNet net = new ProtoNet(bn);
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < ProtoNet.BLOCKS; i++) {
            Init.xavierUniform(net.conv(i).weight(), Init.SQRT2, rng);
        }
        float[] x = new float[BATCH * 28 * 28];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() < 0.1 ? 1f : 0f; // about the ink density of Omniglot characters
        }
        float[] g = new float[BATCH * 64];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (rng.nextDouble() - 0.5);
        }
        ProtoNet.Tape tape = net.newTape();
        Gradients grads = new Gradients(net.parameters());
        try (BatchParallel par = new BatchParallel(threads)) {
            double fwd = 0;
            double bwd = 0;
            for (int run = 0; run < WARMUP + RUNS; run++) {
                long t0 = System.nanoTime();
                net.forward(x, BATCH, 28, 28, true, tape, SampleRunner.of(par));
                long t1 = System.nanoTime();
                grads.zero();
                net.backward(tape, g, grads, null, SampleRunner.of(par));
                long t2 = System.nanoTime();
                if (run >= WARMUP) {
                    fwd += (t1 - t0) / 1e9;
                    bwd += (t2 - t1) / 1e9;
                }
            }
            System.out.printf("ProtoNet batch %d x 28x28, batch norm %s, %d thread(s): forward %.3f s, backward "
                    + "%.3f s, total %.3f s (mean of %d after %d warm-up)%n", BATCH, bn, threads, fwd / RUNS,
                    bwd / RUNS, (fwd + bwd) / RUNS, RUNS, WARMUP);
        }
    }
}
