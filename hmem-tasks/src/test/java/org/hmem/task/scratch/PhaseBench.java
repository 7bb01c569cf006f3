package org.hmem.task.scratch;

import java.util.SplittableRandom;

import org.hmem.engine.nn.Gradients;
import org.hmem.task.associations.*;

/** Scratch: min-of-runs time of one sample's forward and backward (robust to background load). */
public class PhaseBench {
    public static void main(String[] a) {
        int pairs = a.length > 0 ? Integer.parseInt(a[0]) : 10;
        int ckpt = Integer.getInteger("ckpt", 0);
        var d = AssociationsModelConfig.spikingDefaults();
        int classes = Math.max(10, pairs);
        var cfg = new AssociationsModelConfig(d.featureSize(), classes, d.embeddingSize(), d.memorySize(), d.numTimeSteps(),
                d.readoutDelay(), d.wMax(), d.gammaPos(), d.gammaNeg(), d.tauTrace(), d.thr(), d.perfectReset(),
                d.refractorySteps(), d.tauMem(), d.dampening());
        SpikingAssociationsModel model = new SpikingAssociationsModel(cfg, ckpt);
        model.initialize(new SplittableRandom(1));
        AssociationsBatch batch = new AssociationsData(pairs, 10, classes).sample(16, new SplittableRandom(2));
        var ws = model.newWorkspace();
        Gradients g = new Gradients(model.parameters());
        float[][] ag = new float[7][];
        int[] n = {80, 80, 80, 100, 100, 100, 100};
        for (int k = 0; k < 7; k++) { ag[k] = new float[n[k]]; java.util.Arrays.fill(ag[k], 1e-4f); }
        float[] gl = new float[classes]; gl[3] = 0.5f; gl[4] = -0.5f;
        double bestF = 1e9, bestB = 1e9;
        long end = System.nanoTime() + (long) (Double.parseDouble(System.getProperty("secs", "12")) * 1e9);
        int it = 0;
        while (System.nanoTime() < end) {
            int b = 0; it++;
            long t0 = System.nanoTime();
            model.forward(batch, b, ws);
            long t1 = System.nanoTime();
            model.backward(batch, b, ws, gl, ag, g);
            long t2 = System.nanoTime();
            if (it > 50) {
                // per-sample minima over groups of 16 samples
                bestF = Math.min(bestF, (t1 - t0) / 1e6);
                bestB = Math.min(bestB, (t2 - t1) / 1e6);
            }
        }
        System.out.printf("ckpt %d pairs %d: min forward %.3f ms, min backward %.3f ms (%d samples)%n", ckpt, pairs, bestF, bestB, it);
    }
}
