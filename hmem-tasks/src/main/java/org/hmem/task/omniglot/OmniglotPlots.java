package org.hmem.task.omniglot;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.hmem.engine.loss.CrossEntropy;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.task.plot.Figure;
import org.hmem.task.plot.HistogramPanel;
import org.hmem.task.plot.ImagePanel;
import org.hmem.task.plot.MatrixPanel;
import org.hmem.task.plot.RasterPanel;
import org.hmem.task.plot.RateBarPanel;

/**
 * The figures of the reference's Omniglot plot scripts (spec §10.3, §10.4) for one episode, written as PNG files
 * instead of shown on screen: the images, the CNN and label encodings, write keys/values, the memory matrix, read
 * keys/values, the logits and (spiking) a histogram of the memory weights over many episodes.
 */
public final class OmniglotPlots {

    /** Size of the memory figure, for tests that look at its pixels. */
    static final int MEMORY_WIDTH = 800;
    static final int MEMORY_HEIGHT = 720;

    private static final int E = OmniglotModelConfig.EMBEDDING;
    private static final int SIDE = OmniglotModelConfig.SIDE;
    private static final int PIXELS = SIDE * SIDE;

    private OmniglotPlots() {
    }

    /**
     * Runs the spiking model on episode 0 of {@code one} and writes seven figures into {@code dir}, the last a
     * histogram of the memory weights after each episode of {@code histogram} (on {@code threads} workers).
     */
    public static List<Path> spiking(OmniglotModel model, OmniglotBatch one, OmniglotBatch histogram, int threads,
                                     Path dir, PrintStream out) throws IOException {
        OmniglotModelConfig c = model.config();
        OmniglotModel.Workspace ws = model.newWorkspace();
        model.forward(one, 0, ws);
        int n = c.ways(), t = c.numTimeSteps(), m = c.memorySize(), answer = one.answer(0);
        List<Path> files = new ArrayList<>();
        files.add(save(imagesFigure(ws.pixels(), n, answer), dir.resolve("1_images.png"), imagesWidth(n), 470));
        Figure enc = Figure.grid(3, 2).widthRatios(10, 1).title("CNN output and label encoding spikes");
        rasterRow(enc, 0, "images (CNN output)", ws.supportSpikes().spikes(), E, n * t, n * t);
        rasterRow(enc, 1, "labels", ws.labelsEncoding().spikes(), E, n * t, n * t);
        rasterRow(enc, 2, "query (CNN output)", ws.querySpikes().spikes(), E, t, t);
        files.add(save(enc, dir.resolve("2_encoding.png"), 1400, 1000));
        Figure write = Figure.grid(2, 2).widthRatios(10, 1).title("Writing layer");
        rasterRow(write, 0, "write keys", ws.writing().keys().spikes(), m, n * t, n * t);
        rasterRow(write, 1, "write values", ws.writing().values().spikes(), m, n * t, n * t);
        files.add(save(write, dir.resolve("3_writing.png"), 1400, 800));
        files.add(save(memoryFigure(ws.writing().memory(), m), dir.resolve("4_memory.png"), MEMORY_WIDTH,
                MEMORY_HEIGHT));
        Figure read = Figure.grid(2, 2).widthRatios(10, 1).title("Reading layer");
        rasterRow(read, 0, "read keys", ws.reading().keys().spikes(), m, t, t);
        rasterRow(read, 1, "read values", ws.reading().values().spikes(), m, t, t);
        files.add(save(read, dir.resolve("5_reading.png"), 1000, 800));
        files.add(save(logitsFigure(ws.logits(), n, answer), dir.resolve("6_output.png"), 360, 600));
        printRates(ws, n, t, m, out);
        out.println("predicted label " + CrossEntropy.argmax(ws.logits(), 0, n) + ", answer " + answer);

        long start = System.nanoTime();
        float[] weights = memoryWeights(model, histogram, threads);
        out.printf(Locale.ROOT, "=> memory weights of %d episodes (%.0f s)%n", histogram.size(),
                (System.nanoTime() - start) / 1e9);
        files.add(save(Figure.single(new HistogramPanel("memory weights of " + histogram.size() + " episodes",
                weights).axisLabels("weight", "count")), dir.resolve("7_memory_histogram.png"), 900, 600));
        return files;
    }

    /** The ReLU baseline's figures: activations as grey maps (no time axis, no rate bars, no histogram). */
    public static List<Path> relu(OmniglotModelRelu model, OmniglotBatch one, Path dir, PrintStream out)
            throws IOException {
        // the CNN runs per batch (its batch norm, if any, in eval mode: running statistics)
        model.forwardBatch(one, false, null);
        OmniglotModelRelu.Workspace ws = model.newWorkspace();
        model.forward(one, 0, ws);
        OmniglotModelConfig c = model.config();
        int n = c.ways(), m = c.memorySize(), answer = one.answer(0);
        List<Path> files = new ArrayList<>();
        files.add(save(imagesFigure(ws.pixels(), n, answer), dir.resolve("1_images.png"), imagesWidth(n), 470));
        Figure enc = Figure.stack(3).sharedX(false).title("Encoded inputs (ReLU)");
        enc.add(0, 0, MatrixPanel.gray("images (CNN output)", transpose(ws.imagesEncoded(), n, E), E, n)
                .axisLabels("support image", "unit"));
        enc.add(1, 0, MatrixPanel.gray("labels", transpose(ws.labelsEncoded(), n, E), E, n)
                .axisLabels("label", "unit"));
        enc.add(2, 0, MatrixPanel.gray("query (CNN output)", ws.queryEncoded().clone(), E, 1)
                .axisLabels("", "unit"));
        files.add(save(enc, dir.resolve("2_encoding.png"), 700, 1000));
        float[] act = ws.writing().activations();
        float[] keys = new float[n * m], values = new float[n * m];
        for (int s = 0; s < n; s++) {
            System.arraycopy(act, s * 2 * m, keys, s * m, m);
            System.arraycopy(act, s * 2 * m + m, values, s * m, m);
        }
        Figure write = Figure.stack(2).sharedX(false).title("Writing layer (ReLU)");
        write.add(0, 0, MatrixPanel.gray("write keys", transpose(keys, n, m), m, n).axisLabels("item", "neuron"));
        write.add(1, 0, MatrixPanel.gray("write values", transpose(values, n, m), m, n).axisLabels("item", "neuron"));
        files.add(save(write, dir.resolve("3_writing.png"), 700, 900));
        files.add(save(memoryFigure(ws.writing().memory(), m), dir.resolve("4_memory.png"), MEMORY_WIDTH,
                MEMORY_HEIGHT));
        Figure read = Figure.stack(2).sharedX(false).title("Reading layer (ReLU)");
        read.add(0, 0, MatrixPanel.gray("read keys", ws.reading().keys().clone(), m, 1).axisLabels("", "neuron"));
        read.add(1, 0, MatrixPanel.gray("read values", ws.reading().values().clone(), m, 1)
                .axisLabels("", "neuron"));
        files.add(save(read, dir.resolve("5_reading.png"), 420, 900));
        files.add(save(logitsFigure(ws.logits(), n, answer), dir.resolve("6_output.png"), 360, 600));
        out.println("predicted label " + CrossEntropy.argmax(ws.logits(), 0, n) + ", answer " + answer);
        return files;
    }

    /**
     * The final memory matrices after each episode of {@code episodes}, one after the other (each key-major, as the
     * engine keeps it), computed on up to {@code threads} workers with a workspace each.
     */
    static float[] memoryWeights(OmniglotModel model, OmniglotBatch episodes, int threads) {
        int mm = model.config().memorySize() * model.config().memorySize(), count = episodes.size();
        float[] all = new float[count * mm];
        try (BatchParallel parallel = new BatchParallel(Math.max(1, Math.min(threads, count)))) {
            OmniglotModel.Workspace[] ws = new OmniglotModel.Workspace[parallel.threads()];
            for (int w = 0; w < ws.length; w++) {
                ws[w] = model.newWorkspace();
            }
            parallel.forEach(count, (w, e) -> {
                model.forward(episodes, e, ws[w]);
                System.arraycopy(ws[w].writing().memory(), 0, all, e * mm, mm);
            });
        }
        return all;
    }

    /** Top row the N support images (grey 0..1), bottom row empty but for the query in the last cell. */
    static Figure imagesFigure(float[] pixels, int n, int answer) {
        Figure fig = Figure.grid(2, n).sharedX(false).title("Support images and query");
        for (int k = 0; k < n; k++) {
            fig.add(0, k, new ImagePanel("label " + k, pixels, k * PIXELS, SIDE, SIDE, 0, 1));
        }
        fig.add(1, n - 1, new ImagePanel("query (answer " + answer + ")", pixels, n * PIXELS, SIDE, SIDE, 0, 1));
        return fig;
    }

    /** About square cells, within reason for many ways. */
    private static int imagesWidth(int n) {
        return Math.min(4000, Math.max(400, 190 * n));
    }

    /** The memory in the reference's layout M[value neuron i, key neuron j] (the engine keeps it key-major). */
    static Figure memoryFigure(float[] keyMajor, int m) {
        float[] mem = new float[m * m];
        FloatOps.transpose(keyMajor, m, m, mem);
        return Figure.single(MatrixPanel.diverging("memory M (value neuron x key neuron)", mem, m, m)
                .axisLabels("key neuron j", "value neuron i"));
    }

    private static Figure logitsFigure(float[] logits, int n, int answer) {
        return Figure.single(MatrixPanel.gray("logits (answer " + answer + ")", Arrays.copyOf(logits, n), n, 1)
                .axisLabels("", "label"));
    }

    private static void rasterRow(Figure fig, int row, String title, float[] spikes, int neurons, int steps,
                                  int normSteps) {
        float[] copy = Arrays.copyOf(spikes, steps * neurons);
        fig.add(row, 0, new RasterPanel(title, copy, neurons, steps));
        fig.add(row, 1, RateBarPanel.fromSpikes(copy, neurons, steps, normSteps));
    }

    /**
     * The reference's diagnostic print: mean rates of the storage-phase encoders (images and labels), the query
     * encoder, keys (write then read) and values, each over the whole storage + query period.
     */
    private static void printRates(OmniglotModel.Workspace ws, int n, int t, int m, PrintStream out) {
        double seconds = 1e-3 * (n + 1) * t;
        double storage = (sum(ws.supportSpikes().spikes(), n * t * E) + sum(ws.labelsEncoding().spikes(), n * t * E))
                / (2.0 * E);
        double query = sum(ws.querySpikes().spikes(), t * E) / E;
        double keys = (sum(ws.writing().keys().spikes(), n * t * m) + sum(ws.reading().keys().spikes(), t * m)) / m;
        double values = (sum(ws.writing().values().spikes(), n * t * m) + sum(ws.reading().values().spikes(), t * m))
                / m;
        out.printf(Locale.ROOT, "mean rates over storage + query (Hz): storage encoders %.2f, query encoder %.2f, "
                + "keys %.2f, values %.2f%n", storage / seconds, query / seconds, keys / seconds, values / seconds);
    }

    private static double sum(float[] a, int length) {
        double s = 0;
        for (int i = 0; i < length; i++) {
            s += a[i];
        }
        return s;
    }

    /** (rows, cols) row-major to (cols, rows). */
    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[rows * cols];
        FloatOps.transpose(a, rows, cols, t);
        return t;
    }

    private static Path save(Figure fig, Path file, int width, int height) throws IOException {
        fig.savePng(file, width, height);
        return file;
    }
}
