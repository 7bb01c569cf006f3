package org.hmem.task.associations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.nn.Parameter;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.train.CrossEntropyObjective;
import org.hmem.task.train.StepResult;
import org.hmem.task.train.SupervisedStep;
import org.junit.jupiter.api.Test;

/**
 * A training step spread over several worker threads gives the single-threaded gradients up to the summation order
 * of the per-worker buffers (relative 1e-6 of each gradient's largest entry), with the activity regulariser's
 * two-pass flow on.
 */
class AssociationsModelParallelTest {

    private static List<float[]> gradients(int threads, AssociationsBatch batch, StepResult[] result) {
        AssociationsModel model = new AssociationsModel(AssociationsModelConfig.spikingDefaults(), 0);
        model.initialize(new SplittableRandom(11));
        try (BatchParallel parallel = new BatchParallel(threads)) {
            SupervisedStep<AssociationsBatch, AssociationsModel.Workspace> step =
                    new SupervisedStep<>(model, new CrossEntropyObjective<>(10, (d, b) -> d.answer()[b]), parallel,
                            0.0);
            result[0] = step.train(batch, 1.0, 1e-5);
        }
        List<float[]> out = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            out.add(p.grad().clone());
        }
        return out;
    }

    @Test
    void threadsDoNotChangeTheGradients() {
        AssociationsBatch batch = new AssociationsData(3, 10, 10).sample(7, new SplittableRandom(12));
        StepResult[] single = new StepResult[1];
        List<float[]> reference = gradients(1, batch, single);
        for (int threads : new int[] {2, 3}) {
            StepResult[] multi = new StepResult[1];
            List<float[]> g = gradients(threads, batch, multi);
            assertEquals(single[0].loss(), multi[0].loss(), 1e-12);
            assertEquals(single[0].regLoss(), multi[0].regLoss(), 1e-9 * Math.abs(single[0].regLoss()));
            assertEquals(single[0].metric(0), multi[0].metric(0), "accuracy");
            for (int k = 0; k < reference.size(); k++) {
                float[] a = reference.get(k), b = g.get(k);
                double max = 0, err = 0;
                for (int i = 0; i < a.length; i++) {
                    max = Math.max(max, Math.abs(a[i]));
                    err = Math.max(err, Math.abs(a[i] - b[i]));
                }
                assertTrue(err <= 1e-6 * max, "parameter " + k + " with " + threads + " threads: error " + err
                        + " vs max " + max);
            }
        }
    }
}
