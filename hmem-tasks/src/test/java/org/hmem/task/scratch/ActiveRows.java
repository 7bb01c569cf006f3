package org.hmem.task.scratch;

import java.util.SplittableRandom;
import org.hmem.task.associations.*;

public class ActiveRows {
    public static void main(String[] a) {
        for (int pairs : new int[] {1, 3, 10, 30}) {
            var d = AssociationsModelConfig.spikingDefaults();
            int classes = Math.max(10, pairs);
            var cfg = new AssociationsModelConfig(d.featureSize(), classes, d.embeddingSize(), d.memorySize(), d.numTimeSteps(),
                    d.readoutDelay(), d.wMax(), d.gammaPos(), d.gammaNeg(), d.tauTrace(), d.thr(), d.perfectReset(),
                    d.refractorySteps(), d.tauMem(), d.dampening());
            SpikingAssociationsModel model = new SpikingAssociationsModel(cfg, 0);
            model.initialize(new SplittableRandom(1));
            AssociationsBatch batch = new AssociationsData(pairs, 10, classes).sample(8, new SplittableRandom(2));
            var ws = model.newWorkspace();
            long active = 0, total = 0, keySpikes = 0, sens = 0, inSpikes = 0;
            for (int b = 0; b < 8; b++) {
                model.forward(batch, b, ws);
                int steps = ws.writing().steps();
                boolean[] seen = new boolean[100];
                float[] k = ws.writing().keys().spikes();
                float[] s = ws.writing().keys().surrogate();
                for (int t = 0; t < steps; t++) {
                    for (int j = 0; j < 100; j++) {
                        if (k[t * 100 + j] != 0) { seen[j] = true; keySpikes++; }
                        if (seen[j]) active++;
                        if (s[t * 100 + j] != 0) sens++;
                        total++;
                    }
                }
                float[] f = ws.featuresEncoding().spikes();
                for (int i = 0; i < steps * 80; i++) if (f[i] != 0) inSpikes++;
            }
            System.out.printf("pairs %d: active plasticity rows %.1f%%, key spikes/step %.1f, sensitive keys %.1f%%, feature-encoder spikes/step %.1f%n",
                    pairs, 100.0 * active / total, keySpikes / (double) (total / 100), 100.0 * sens / total, inSpikes / (double) (total / 100));
        }
    }
}
