package org.hmem.engine.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.SplittableRandom;

import org.hmem.engine.golden.Compare;
import org.hmem.engine.golden.GoldenCase;
import org.hmem.engine.golden.GoldenFiles;
import org.hmem.engine.golden.PrototypicalLossGolden;
import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrototypicalLossTest {

    @ParameterizedTest
    @ValueSource(strings = {"prototypical_loss_3way_1shot_1query.json", "prototypical_loss_3way_1shot_2query.json"})
    void matchesTheReference(String file) throws IOException {
        Compare.resetStats();
        PrototypicalLossGolden.check(GoldenCase.load(GoldenFiles.directory().resolve("omniglot").resolve(file)));
        System.out.println(file + ": " + Compare.stats());
    }

    @Test
    void handComputedTwoClassesOneShot() {
        // class 5 at positions 1 (support) and 2 (query), class 3 at 0 (support) and 3 (query); d = 1
        float[] x = {0f, 2f, 1.5f, 1f};
        int[] t = {3, 5, 5, 3};
        PrototypicalLoss.Result r = PrototypicalLoss.lossAndGradient(x, 1, t, 1, null);
        assertArrayEquals(new int[] {3, 5}, r.classes());
        // query of class 3 (x=1): D = (1, 1) -> p = 1/2; query of class 5 (x=1.5): D = (2.25, 0.25)
        double l3 = Math.log(2);
        double l5 = 0.25 + Math.log(Math.exp(-2.25) + Math.exp(-0.25));
        assertEquals((l3 + l5) / 2, r.loss(), 1e-12);
        // first query: tie, the first prototype (class 3) wins -> correct; second query correct
        assertEquals(1.0, r.accuracy(), 0);
        assertEquals(0.5, r.referenceAccuracy(), 0, "the reference reports 1/C with one query per class");
    }

    @Test
    void referenceAccuracyEqualsTheIntendedOneWithSeveralQueries() {
        float[] x = {0f, 10f, 0.1f, 9f, 10.2f, 0.3f};
        int[] t = {0, 1, 0, 0, 1, 1};
        PrototypicalLoss.Result r = PrototypicalLoss.lossAndGradient(x, 1, t, 1, null);
        assertEquals(2, r.queriesPerClass());
        assertEquals(0.5, r.accuracy(), 0, "one query of each class is nearer the other prototype");
        assertEquals(0.5, r.referenceAccuracy(), 0);
    }

    @Test
    void gradientMatchesFiniteDifferencesWithSeveralSupports() {
        SplittableRandom rng = new SplittableRandom(11);
        int classes = 4;
        int support = 2;
        int query = 3;
        int d = 5;
        int n = classes * (support + query);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = 10 * (i % classes) + 1; // interleaved, not 0..C-1
        }
        for (int i = n - 1; i > 0; i--) { // shuffle the batch order
            int j = rng.nextInt(i + 1);
            int s = t[i];
            t[i] = t[j];
            t[j] = s;
        }
        float[] x = GradientCheck.uniform(rng, n * d, -1, 1);
        float[] g = new float[n * d];
        PrototypicalLoss.lossAndGradient(x, d, t, support, g);
        GradientCheck.check("prototypical loss", x, g, () -> PrototypicalLoss.lossAndGradient(x, d, t, support,
                null).loss(), 1e-2f, 1e-3);
    }

    @Test
    void unequalClassSizesAreRefused() {
        float[] x = new float[5];
        assertThrows(IllegalArgumentException.class,
                () -> PrototypicalLoss.lossAndGradient(x, 1, new int[] {0, 0, 1, 1, 1}, 1, null));
        assertThrows(IllegalArgumentException.class,
                () -> PrototypicalLoss.lossAndGradient(new float[4], 1, new int[] {0, 0, 1, 1}, 2, null),
                "no queries left");
    }
}
