package org.hmem.task.scratch;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.associations.AssociationsBatch;
import org.hmem.task.associations.AssociationsData;
import org.hmem.task.associations.AssociationsModelConfig;
import org.hmem.task.associations.SpikingAssociationsModel;
import org.hmem.task.train.SupervisedStep;

/** Scratch: single-thread CPU-time per sample (robust to other processes), plus wall-clock rates. */
public class QuickBench {
    public static void main(String[] a) {
        int batch = Integer.parseInt(a[0]), threads = Integer.parseInt(a[1]), pairs = Integer.parseInt(a[2]);
        double reg = a.length > 3 ? Double.parseDouble(a[3]) : 0;
        int iters = Integer.getInteger("iters", 10);
        SpikingAssociationsModel model = new SpikingAssociationsModel(AssociationsModelConfig.spikingDefaults(),
                Integer.getInteger("ckpt", 0));
        model.initialize(new SplittableRandom(1));
        AssociationsData data = new AssociationsData(pairs, 10, 10);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] tr = new double[iters], fw = new double[iters];
        try (BatchParallel p = new BatchParallel(threads)) {
            SupervisedStep<AssociationsBatch, SpikingAssociationsModel.Workspace> step = new SupervisedStep<>(model, p, 0);
            SplittableRandom rng = new SplittableRandom(2);
            for (int it = 0; it < iters; it++) {
                AssociationsBatch b = data.sample(batch, rng);
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                var r = step.train(b, 1, reg);
                double s = (System.nanoTime() - t0) / 1e9;
                long c1 = mx.getCurrentThreadCpuTime();
                long t1 = System.nanoTime();
                step.evaluate(b);
                double fs = (System.nanoTime() - t1) / 1e9;
                long c2 = mx.getCurrentThreadCpuTime();
                tr[it] = (c1 - c0) / 1e6 / batch;
                fw[it] = (c2 - c1) / 1e6 / batch;
                System.out.printf("train %.2f samples/s (cpu %.2f ms/sample)  forward %.2f samples/s (cpu %.2f ms/sample) loss %.4f%n",
                        batch / s, tr[it], batch / fs, fw[it], r.loss());
            }
        }
        int w = iters / 2;
        double[] t2 = Arrays.copyOfRange(tr, w, iters), f2 = Arrays.copyOfRange(fw, w, iters);
        Arrays.sort(t2); Arrays.sort(f2);
        System.out.printf("MEDIAN(last half) cpu ms/sample: train %.3f  forward %.3f%n", t2[t2.length / 2], f2[f2.length / 2]);
    }
}
