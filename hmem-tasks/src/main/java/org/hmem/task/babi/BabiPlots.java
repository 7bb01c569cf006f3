package org.hmem.task.babi;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hmem.engine.neuron.Population;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.task.babi.data.BabiVectors;
import org.hmem.task.plot.Figure;
import org.hmem.task.plot.MatrixPanel;
import org.hmem.task.plot.RasterPanel;
import org.hmem.task.plot.RateBarPanel;

/** The figures of the reference's bAbI plot script (spec §10.7) for one sample, as PNG files. */
public final class BabiPlots {

    private BabiPlots() {
    }

    /** Runs sample 0 of {@code one} and writes six figures into {@code dir}. */
    public static List<Path> write(BabiModel model, BabiVectors one, Path dir, PrintStream out)
            throws IOException {
        BabiModelConfig c = model.config();
        BabiModel.Workspace ws = model.newWorkspace();
        model.forward(one, 0, ws);
        int s = one.numSentences(), w = one.sentenceSize(), t = c.sentenceDuration(), e = c.embeddingSize();
        int m = c.memorySize(), storySteps = s * t, realSteps = Math.max(1, one.storyLength()[0]) * t;
        List<Path> files = new ArrayList<>();
        Figure words = Figure.grid(1, 2).sharedX(false).widthRatios(Math.max(s, 2), 1).title("Word indices");
        words.add(0, 0, MatrixPanel.gray("story (word slot x sentence)", transposeInts(one.storyOf(0), s, w), w, s)
                .axisLabels("sentence", "word slot"));
        words.add(0, 1, MatrixPanel.gray("query", toFloats(one.queryOf(0)), w, 1).axisLabels("", "word slot"));
        files.add(save(words, dir.resolve("1_words.png"), 1000, 500));
        Figure enc = Figure.grid(2, 2).widthRatios(10, 1).title("Encoding layer spikes");
        raster(enc, 0, "story", ws.storyEncoding().population(), e, storySteps, realSteps);
        raster(enc, 1, "query", ws.queryEncoding().population(), e, t, t);
        files.add(save(enc, dir.resolve("2_encoding.png"), 1400, 800));
        Figure write = Figure.grid(2, 2).widthRatios(10, 1).title("Writing layer");
        raster(write, 0, "write keys", ws.writing().keys(), m, storySteps, realSteps);
        raster(write, 1, "write values", ws.writing().values(), m, storySteps, realSteps);
        files.add(save(write, dir.resolve("3_writing.png"), 1400, 800));
        float[] mem = new float[m * m];
        FloatOps.transpose(ws.writing().memory(), m, m, mem);
        files.add(save(Figure.single(MatrixPanel.diverging("memory M (value neuron x key neuron)", mem, m, m)
                .axisLabels("key neuron j", "value neuron i")), dir.resolve("4_memory.png"), 800, 720));
        Figure read = Figure.grid(2, 2).widthRatios(10, 1).title("Reading layer");
        raster(read, 0, "read keys", ws.reading().keys(), m, t, t);
        raster(read, 1, "read values", ws.reading().values(), m, t, t);
        files.add(save(read, dir.resolve("5_reading.png"), 1000, 800));
        float[] logits = model.output(ws).clone();
        files.add(save(Figure.single(MatrixPanel.gray("logits (answer " + one.answer()[0] + ")", logits,
                logits.length, 1).axisLabels("", "word")), dir.resolve("6_output.png"), 360, 700));
        out.println("predicted word index " + org.hmem.engine.loss.CrossEntropy.argmax(logits, 0, logits.length)
                + ", answer " + one.answer()[0]);
        return files;
    }

    private static void raster(Figure fig, int row, String title, Population pop, int n, int steps, int normSteps) {
        float[] spikes = Arrays.copyOf(pop.spikes(), steps * n);
        fig.add(row, 0, new RasterPanel(title, spikes, n, steps));
        fig.add(row, 1, RateBarPanel.fromSpikes(spikes, n, steps, normSteps));
    }

    private static float[] toFloats(int[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = a[i];
        }
        return f;
    }

    private static float[] transposeInts(int[] a, int rows, int cols) {
        float[] t = new float[rows * cols];
        FloatOps.transpose(toFloats(a), rows, cols, t);
        return t;
    }

    private static Path save(Figure fig, Path file, int width, int height) throws IOException {
        fig.savePng(file, width, height);
        return file;
    }
}
