package org.hmem.task.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Writes figures shaped like the reference's (spec §10.1) to {@code target/plot-examples/} so a person can look at
 * them; the assertions only check that the files exist.
 */
class ExampleFiguresTest {

    private static final Path OUT = Path.of("target", "plot-examples");

    @Test
    void writeExampleFigures() throws IOException {
        Random rng = new Random(7);
        int n = 80, l = 10, steps = 100;
        float[] features = spikes(rng, n, l * steps, 0.03);
        float[] labels = spikes(rng, n, l * steps, 0.02);
        float[] query = spikes(rng, n, steps, 0.05);
        Figure.grid(3, 2).widthRatios(10, 1).title("Encoded inputs")
                .add(0, 0, new RasterPanel("features", features, n, l * steps))
                .add(0, 1, RateBarPanel.fromSpikes(features, n, l * steps, l * steps))
                .add(1, 0, new RasterPanel("labels", labels, n, l * steps))
                .add(1, 1, RateBarPanel.fromSpikes(labels, n, l * steps, l * steps))
                .add(2, 0, new RasterPanel("query", query, n, steps))
                .add(2, 1, RateBarPanel.fromSpikes(query, n, steps, steps))
                .savePng(OUT.resolve("encoded-inputs.png"), 1400, 1000);

        int m = 100;
        float[] memory = new float[m * m];
        for (int i = 0; i < memory.length; i++) {
            memory[i] = (float) (rng.nextGaussian() * 0.3 * Math.exp(-(i % m) / 40.0));
        }
        Figure.single(MatrixPanel.diverging("memory matrix", memory, m, m).axisLabels("key neuron", "value neuron"))
                .savePng(OUT.resolve("memory.png"), 700, 620);

        int f = 10;
        float[] feat = new float[f * l], lab = new float[l], q = new float[f];
        for (int i = 0; i < feat.length; i++) {
            feat[i] = rng.nextInt(2);
        }
        for (int i = 0; i < l; i++) {
            lab[i] = rng.nextInt(10);
        }
        for (int i = 0; i < f; i++) {
            q[i] = feat[i * l + 3];
        }
        Figure.stack(3).heightRatios(4, 1, 4).title("Inputs")
                .add(0, 0, MatrixPanel.gray("features", feat, f, l))
                .add(1, 0, MatrixPanel.gray("labels", lab, 1, l))
                .add(2, 0, MatrixPanel.gray("query", q, f, 1).axisLabels("item", null))
                .savePng(OUT.resolve("inputs.png"), 700, 800);

        for (String name : new String[] {"encoded-inputs.png", "memory.png", "inputs.png"}) {
            assertTrue(Files.size(OUT.resolve(name)) > 1000, name);
        }
    }

    private static float[] spikes(Random rng, int n, int steps, double p) {
        float[] s = new float[n * steps];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                double pi = p * (0.3 + 1.4 * i / n);
                s[t * n + i] = rng.nextDouble() < pi ? 1f : 0f;
            }
        }
        return s;
    }
}
