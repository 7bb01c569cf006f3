package org.hmem.task.associations;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hmem.engine.neuron.Population;
import org.hmem.task.plot.Figure;
import org.hmem.task.plot.MatrixPanel;
import org.hmem.task.plot.Panel;
import org.hmem.task.plot.RasterPanel;
import org.hmem.task.plot.RateBarPanel;

/**
 * The figures of the reference's plot scripts (spec §10.1, §10.2) for one sample, written as PNG files instead of
 * shown on screen: inputs, encoder spikes, write keys/values, the memory matrix, read keys/values and the logits.
 */
public final class AssociationsPlots {

    private AssociationsPlots() {
    }

    /** Runs the spiking model on sample 0 of {@code one} and writes six figures into {@code dir}. */
    public static List<Path> spiking(AssociationsModel model, AssociationsBatch one, Path dir, PrintStream out)
            throws IOException {
        AssociationsModelConfig c = model.config();
        AssociationsModel.Workspace ws = model.newWorkspace();
        model.forward(one, 0, ws);
        int l = one.sequenceLength(), t = c.numTimeSteps(), e = c.embeddingSize(), m = c.memorySize();
        List<Path> files = new ArrayList<>();
        files.add(inputs(one, dir));
        Figure enc = Figure.grid(3, 2).widthRatios(10, 1).title("Encoding layer spikes");
        rasterRow(enc, 0, "features", ws.featuresEncoding().population(), e, l * t, l * t);
        rasterRow(enc, 1, "labels", ws.labelsEncoding().population(), e, l * t, l * t);
        rasterRow(enc, 2, "query", ws.queryEncoding().population(), e, t, t);
        files.add(save(enc, dir.resolve("2_encoding.png"), 1400, 1000));
        Figure write = Figure.grid(2, 2).widthRatios(10, 1).title("Writing layer");
        rasterRow(write, 0, "write keys", ws.writing().keys(), m, l * t, l * t);
        rasterRow(write, 1, "write values", ws.writing().values(), m, l * t, l * t);
        files.add(save(write, dir.resolve("3_writing.png"), 1400, 800));
        files.add(save(Figure.single(memoryPanel(ws.writing().memory(), m)), dir.resolve("4_memory.png"), 800, 720));
        Figure read = Figure.grid(2, 2).widthRatios(10, 1).title("Reading layer");
        rasterRow(read, 0, "read keys", ws.reading().keys(), m, t, t);
        rasterRow(read, 1, "read values", ws.reading().values(), m, t, t);
        files.add(save(read, dir.resolve("5_reading.png"), 1000, 800));
        files.add(save(Figure.single(logitsPanel(model.output(ws), one.answer()[0])), dir.resolve("6_output.png"),
                360, 600));
        double norm = 1e-3 * (l + 1) * t;
        out.printf(Locale.ROOT, "mean rates over storage + query (Hz): encoders %.2f, keys %.2f, values %.2f%n",
                (count(ws.featuresEncoding().population(), l * t, e) + count(ws.labelsEncoding().population(), l * t,
                        e) + count(ws.queryEncoding().population(), t, e)) / (3.0 * e) / norm,
                (count(ws.writing().keys(), l * t, m) + count(ws.reading().keys(), t, m)) / m / norm,
                (count(ws.writing().values(), l * t, m) + count(ws.reading().values(), t, m)) / m / norm);
        return files;
    }

    /** The ReLU baseline's figures: activations as grey maps (no time axis, no rate bars). */
    public static List<Path> relu(AssociationsModelRelu model, AssociationsBatch one, Path dir) throws IOException {
        AssociationsModelConfig c = model.config();
        AssociationsModelRelu.Workspace ws = model.newWorkspace();
        model.forward(one, 0, ws);
        int l = one.sequenceLength(), e = c.embeddingSize(), m = c.memorySize();
        List<Path> files = new ArrayList<>();
        files.add(inputs(one, dir));
        Figure enc = Figure.stack(3).sharedX(false).title("Encoded inputs (ReLU)");
        enc.add(0, 0, MatrixPanel.gray("features", transpose(ws.featuresEncoded(), l, e), e, l));
        enc.add(1, 0, MatrixPanel.gray("labels", transpose(ws.labelsEncoded(), l, e), e, l));
        enc.add(2, 0, MatrixPanel.gray("query", ws.queryEncoded().clone(), e, 1));
        files.add(save(enc, dir.resolve("2_encoding.png"), 700, 1000));
        float[] act = ws.writing().activations();
        float[] keys = new float[l * m], values = new float[l * m];
        for (int s = 0; s < l; s++) {
            System.arraycopy(act, s * 2 * m, keys, s * m, m);
            System.arraycopy(act, s * 2 * m + m, values, s * m, m);
        }
        Figure write = Figure.stack(2).sharedX(false).title("Writing layer (ReLU)");
        write.add(0, 0, MatrixPanel.gray("write keys", transpose(keys, l, m), m, l));
        write.add(1, 0, MatrixPanel.gray("write values", transpose(values, l, m), m, l));
        files.add(save(write, dir.resolve("3_writing.png"), 700, 900));
        files.add(save(Figure.single(memoryPanel(ws.writing().memory(), m)), dir.resolve("4_memory.png"), 800, 720));
        Figure read = Figure.stack(2).sharedX(false).title("Reading layer (ReLU)");
        read.add(0, 0, MatrixPanel.gray("read keys", ws.reading().keys().clone(), m, 1));
        read.add(1, 0, MatrixPanel.gray("read values", ws.reading().values().clone(), m, 1));
        files.add(save(read, dir.resolve("5_reading.png"), 420, 900));
        files.add(save(Figure.single(logitsPanel(model.output(ws), one.answer()[0])), dir.resolve("6_output.png"),
                360, 600));
        return files;
    }

    private static Path inputs(AssociationsBatch one, Path dir) throws IOException {
        int l = one.sequenceLength(), f = one.featureSize();
        float[] labels = new float[l];
        for (int s = 0; s < l; s++) {
            labels[s] = one.labels()[s];
        }
        Figure fig = Figure.stack(3).sharedX(false).heightRatios(f, 2, f).title("Inputs (answer: label "
                + one.answer()[0] + ")");
        fig.add(0, 0, MatrixPanel.gray("features", transpose(one.features(), l, f), f, l)
                .axisLabels("pair", "feature"));
        fig.add(1, 0, MatrixPanel.gray("labels", labels, 1, l).axisLabels("pair", ""));
        fig.add(2, 0, MatrixPanel.gray("query", java.util.Arrays.copyOf(one.query(), f), f, 1)
                .axisLabels("", "feature"));
        return save(fig, dir.resolve("1_inputs.png"), 700, 900);
    }

    private static void rasterRow(Figure fig, int row, String title, Population pop, int n, int steps,
                                  int normSteps) {
        float[] spikes = java.util.Arrays.copyOf(pop.spikes(), steps * n);
        fig.add(row, 0, new RasterPanel(title, spikes, n, steps));
        fig.add(row, 1, RateBarPanel.fromSpikes(spikes, n, steps, normSteps));
    }

    private static Panel memoryPanel(float[] keyMajor, int m) {
        // key-major storage to the reference's M[value i, key j] for display
        return MatrixPanel.diverging("memory M (value neuron x key neuron)", transpose(keyMajor, m, m), m, m)
                .axisLabels("key neuron j", "value neuron i");
    }

    private static Panel logitsPanel(float[] logits, int answer) {
        return MatrixPanel.gray("logits (answer " + answer + ")", logits.clone(), logits.length, 1)
                .axisLabels("", "class");
    }

    private static double count(Population pop, int steps, int n) {
        double s = 0;
        float[] z = pop.spikes();
        for (int i = 0; i < steps * n; i++) {
            s += z[i];
        }
        return s;
    }

    /** (rows, cols) row-major to (cols, rows). */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[rows * cols];
        org.hmem.engine.tensor.FloatOps.transpose(a, rows, cols, t);
        return t;
    }

    private static Path save(Figure fig, Path file, int w, int h) throws IOException {
        fig.savePng(file, w, h);
        return file;
    }
}
