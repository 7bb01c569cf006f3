package org.hmem.task.scratch;

import java.util.SplittableRandom;

import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.associations.AssociationsBatch;
import org.hmem.task.associations.AssociationsData;
import org.hmem.task.associations.AssociationsModelConfig;
import org.hmem.task.associations.SpikingAssociationsModel;
import org.hmem.task.train.SupervisedStep;

public class QuickBench {
    public static void main(String[] a) {
        int batch = Integer.parseInt(a[0]), threads = Integer.parseInt(a[1]), pairs = Integer.parseInt(a[2]);
        double reg = a.length > 3 ? Double.parseDouble(a[3]) : 0;
        SpikingAssociationsModel model = new SpikingAssociationsModel(AssociationsModelConfig.spikingDefaults(), 0);
        model.initialize(new SplittableRandom(1));
        AssociationsData data = new AssociationsData(pairs, 10, 10);
        try (BatchParallel p = new BatchParallel(threads)) {
            SupervisedStep<AssociationsBatch, SpikingAssociationsModel.Workspace> step = new SupervisedStep<>(model, p, 0);
            SplittableRandom rng = new SplittableRandom(2);
            for (int it = 0; it < Integer.getInteger("iters", 6); it++) {
                AssociationsBatch b = data.sample(batch, rng);
                long t0 = System.nanoTime();
                var r = step.train(b, 1, reg);
                double s = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                step.evaluate(b);
                double fs = (System.nanoTime() - t1) / 1e9;
                System.out.printf("train %.2f samples/s  forward %.2f samples/s loss %.4f%n", batch / s, batch / fs, r.loss());
            }
        }
    }
}
