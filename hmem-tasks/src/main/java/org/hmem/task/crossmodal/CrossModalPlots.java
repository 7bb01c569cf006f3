package org.hmem.task.crossmodal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hmem.engine.tensor.FloatOps;
import org.hmem.task.crossmodal.data.CrossModalEpisodes;
import org.hmem.task.plot.ColorScale;
import org.hmem.task.plot.Figure;
import org.hmem.task.plot.ImagePanel;
import org.hmem.task.plot.MatrixPanel;
import org.hmem.task.plot.RasterRows;

/**
 * The figures of the reference's cross-modal plot scripts (spec §10.5, §10.6) for episode 0 of a batch, written as
 * PNG files instead of shown on screen: the stored pairs, the query and the reconstruction, the CNN outputs, write
 * keys/values, the memory, read keys/values, (spiking) the decoder layers, and the reconstruction next to its target.
 */
final class CrossModalPlots {

    static final int SIDE = CrossModalModelConfig.IMAGE_SIDE;
    static final int PIXELS = CrossModalModelConfig.IMAGE_PIXELS;
    private static final int E = CrossModalModelConfig.EMBEDDING;
    private static final int HIDDEN = CrossModalModelConfig.DECODER_HIDDEN;

    private CrossModalPlots() {
    }

    /** Runs the spiking model on episode 0 of {@code one} and writes eight figures into {@code dir}. */
    static List<Path> spiking(CrossModalModel model, CrossModalBatch one, Path dir, PrintStream out)
            throws IOException {
        CrossModalModelConfig c = model.config();
        CrossModalModel.Workspace ws = model.newWorkspace();
        model.forward(one, 0, ws);
        int l = c.pairs(), t = c.numTimeSteps(), m = c.memorySize();
        float[] reconstruction = ws.reconstruction().clone();
        List<Path> files = new ArrayList<>();
        files.add(save(inputsFigure(one, reconstruction, c), dir.resolve("1_inputs.png"), inputsWidth(l), 470));
        Figure enc = Figure.grid(3, 2).widthRatios(10, 1).title("CNN output spikes");
        RasterRows.add(enc, 0, "recordings (MFCC CNN output)", ws.mfccSpikes().spikes(), E, l * t, l * t);
        RasterRows.add(enc, 1, "images (image CNN output)", ws.imageSpikes().spikes(), E, l * t, l * t);
        RasterRows.add(enc, 2, "query (MFCC CNN output)", ws.querySpikes().spikes(), E, t, t);
        files.add(save(enc, dir.resolve("2_encoding.png"), 1400, 1000));
        Figure write = Figure.grid(2, 2).widthRatios(10, 1).title("Writing layer");
        RasterRows.add(write, 0, "write keys", ws.writing().keys().spikes(), m, l * t, l * t);
        RasterRows.add(write, 1, "write values", ws.writing().values().spikes(), m, l * t, l * t);
        files.add(save(write, dir.resolve("3_writing.png"), 1400, 800));
        files.add(save(memoryFigure(ws.writing().memory(), m), dir.resolve("4_memory.png"), 800, 720));
        Figure read = Figure.grid(2, 2).widthRatios(10, 1).title("Reading layer");
        RasterRows.add(read, 0, "read keys", ws.reading().keys().spikes(), m, t, t);
        RasterRows.add(read, 1, "read values", ws.reading().values().spikes(), m, t, t);
        files.add(save(read, dir.resolve("5_reading.png"), 1000, 800));
        Figure hidden = Figure.grid(1, 2).widthRatios(10, 1).title("Decoder layer 1");
        RasterRows.add(hidden, 0, "hidden neurons", ws.decoderHidden().spikes(), HIDDEN, t, t);
        files.add(save(hidden, dir.resolve("6_decoder_hidden.png"), 1000, 700));
        Figure output = Figure.grid(1, 2).widthRatios(10, 1).title("Decoder layer 2");
        RasterRows.add(output, 0, "output neurons (pixels)", ws.decoderOutput().spikes(), PIXELS, t, t);
        files.add(save(output, dir.resolve("7_decoder_output.png"), 1000, 900));
        files.add(save(reconstructionFigure(one, reconstruction), dir.resolve("8_reconstruction.png"), 700, 420));
        printRates(ws, l, t, m, out);
        return files;
    }

    /** The ReLU baseline's figures: activations as grey maps (no time axis, no rate bars, no decoder layers). */
    static List<Path> relu(CrossModalModelRelu model, CrossModalBatch one, Path dir) throws IOException {
        // the CNNs run per batch (their batch norm, if any, in eval mode: running statistics)
        model.forwardBatch(one, false, null);
        CrossModalModelRelu.Workspace ws = model.newWorkspace();
        model.forward(one, 0, ws);
        CrossModalModelConfig c = model.config();
        int l = c.pairs(), m = c.memorySize();
        float[] reconstruction = ws.reconstruction().clone();
        List<Path> files = new ArrayList<>();
        files.add(save(inputsFigure(one, reconstruction, c), dir.resolve("1_inputs.png"), inputsWidth(l), 470));
        // written rows are [MFCC embedding | image embedding]: two maps of (unit x item)
        float[] written = ws.written();
        Figure enc = Figure.stack(3).sharedX(false).title("CNN outputs (ReLU)");
        enc.add(0, 0, MatrixPanel.gray("recordings (MFCC CNN output)", columns(written, l, 2 * E, 0, E), E, l)
                .axisLabels("item", "unit"));
        enc.add(1, 0, MatrixPanel.gray("images (image CNN output)", columns(written, l, 2 * E, E, E), E, l)
                .axisLabels("item", "unit"));
        enc.add(2, 0, MatrixPanel.gray("query (MFCC CNN output)", ws.queryEncoded().clone(), E, 1)
                .axisLabels("", "unit"));
        files.add(save(enc, dir.resolve("2_encoding.png"), 700, 1000));
        // the tape keeps item l's keys at l * 2m, its values at l * 2m + m
        float[] act = ws.writing().activations();
        Figure write = Figure.stack(2).sharedX(false).title("Writing layer (ReLU)");
        write.add(0, 0, MatrixPanel.gray("write keys", columns(act, l, 2 * m, 0, m), m, l)
                .axisLabels("item", "neuron"));
        write.add(1, 0, MatrixPanel.gray("write values", columns(act, l, 2 * m, m, m), m, l)
                .axisLabels("item", "neuron"));
        files.add(save(write, dir.resolve("3_writing.png"), 700, 900));
        files.add(save(memoryFigure(ws.writing().memory(), m), dir.resolve("4_memory.png"), 800, 720));
        Figure read = Figure.stack(2).sharedX(false).title("Reading layer (ReLU)");
        read.add(0, 0, MatrixPanel.gray("read keys", ws.reading().keys().clone(), m, 1).axisLabels("", "neuron"));
        read.add(1, 0, MatrixPanel.gray("read values", ws.reading().values().clone(), m, 1)
                .axisLabels("", "neuron"));
        files.add(save(read, dir.resolve("5_reading.png"), 420, 900));
        files.add(save(reconstructionFigure(one, reconstruction), dir.resolve("8_reconstruction.png"), 700, 420));
        return files;
    }

    /**
     * Top row the L recordings and the query as MFCC images, bottom row the L images and, in the last cell, the
     * reconstruction (spec §10.5 figure 1).
     */
    static Figure inputsFigure(CrossModalBatch one, float[] reconstruction, CrossModalModelConfig c) {
        int l = one.pairs(), ms = c.mfccSize();
        CrossModalEpisodes e = one.episodes();
        Figure fig = Figure.grid(2, l + 1).sharedX(false).title("Stored pairs, query and reconstruction");
        for (int p = 0; p < l; p++) {
            fig.add(0, p, mfccPanel("Digit " + e.audioClasses()[p], one.mfcc(), p * ms, c));
            fig.add(1, p, new ImagePanel(null, one.imagePixels(), p * PIXELS, SIDE, SIDE, 0, 1));
        }
        fig.add(0, l, mfccPanel("Query digit " + e.targetClass(0), one.query(), 0, c));
        fig.add(1, l, ownRangePanel("Reconstructed image", reconstruction, 0));
        return fig;
    }

    /** The target image next to the reconstruction (spec §10.5 figure 8, with the target for comparison). */
    static Figure reconstructionFigure(CrossModalBatch one, float[] reconstruction) {
        int digit = one.episodes().targetClass(0);
        return Figure.grid(1, 2).sharedX(false).title("Reconstruction of the queried digit")
                .add(0, 0, new ImagePanel("Target image (digit " + digit + ")", one.target(), 0, SIDE, SIDE, 0, 1))
                .add(0, 1, ownRangePanel("Reconstructed image", reconstruction, 0));
    }

    /**
     * An MFCC image, stored as (time, coefficient), drawn as the reference does: coefficients on y with the first at
     * the bottom ({@code origin='lower'}), time on x, viridis over the image's own range.
     */
    static ImagePanel mfccPanel(String title, float[] x, int off, CrossModalModelConfig c) {
        int frames = c.mfccFrames(), coefficients = c.mfccCoefficients();
        float[] shown = new float[frames * coefficients];
        for (int r = 0; r < coefficients; r++) {
            for (int t = 0; t < frames; t++) {
                shown[r * frames + t] = x[off + t * coefficients + coefficients - 1 - r];
            }
        }
        double[] range = range(shown, 0, shown.length);
        return new ImagePanel(title, shown, 0, coefficients, frames, ColorScale.viridis(range[0], range[1]));
    }

    /** A 28 x 28 image in grey scaled to its own min/max, as the reference shows reconstructions. */
    static ImagePanel ownRangePanel(String title, float[] image, int off) {
        double[] range = range(image, off, PIXELS);
        return new ImagePanel(title, image, off, SIDE, SIDE, range[0], range[1]);
    }

    /** {min, max} of n values; a constant image gets a unit range above its value (drawn black). */
    private static double[] range(float[] a, int off, int n) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = off; i < off + n; i++) {
            lo = Math.min(lo, a[i]);
            hi = Math.max(hi, a[i]);
        }
        return lo < hi ? new double[] {lo, hi} : new double[] {lo, lo + 1};
    }

    /** The memory in the reference's layout M[value neuron i, key neuron j] (the engine keeps it key-major). */
    static Figure memoryFigure(float[] keyMajor, int m) {
        float[] mem = new float[m * m];
        FloatOps.transpose(keyMajor, m, m, mem);
        return Figure.single(MatrixPanel.diverging("memory M (value neuron x key neuron)", mem, m, m)
                .axisLabels("key neuron j", "value neuron i"));
    }

    /** Columns {@code [from, from + width)} of a (rows, stride) matrix, transposed to (width, rows). */
    private static float[] columns(float[] a, int rows, int stride, int from, int width) {
        float[] t = new float[width * rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < width; k++) {
                t[k * rows + r] = a[r * stride + from + k];
            }
        }
        return t;
    }

    /** About square cells. */
    private static int inputsWidth(int l) {
        return Math.max(400, 190 * (l + 1));
    }

    /**
     * The reference's diagnostic print: mean rates of the storage-phase encoders, the query encoder, keys (write then
     * read), values and the decoder layers, each over the whole storage + query period.
     */
    private static void printRates(CrossModalModel.Workspace ws, int l, int t, int m, PrintStream out) {
        double seconds = 1e-3 * (l + 1) * t;
        double storage = (sum(ws.mfccSpikes().spikes(), l * t * E) + sum(ws.imageSpikes().spikes(), l * t * E))
                / (2.0 * E);
        double query = sum(ws.querySpikes().spikes(), t * E) / E;
        double keys = (sum(ws.writing().keys().spikes(), l * t * m) + sum(ws.reading().keys().spikes(), t * m)) / m;
        double values = (sum(ws.writing().values().spikes(), l * t * m) + sum(ws.reading().values().spikes(), t * m))
                / m;
        double hidden = sum(ws.decoderHidden().spikes(), t * HIDDEN) / HIDDEN;
        double pixels = sum(ws.decoderOutput().spikes(), t * PIXELS) / PIXELS;
        out.printf(Locale.ROOT, "mean rates over storage + query (Hz): storage encoders %.2f, query encoder %.2f, "
                + "keys %.2f, values %.2f, decoder layer 1 %.2f, decoder layer 2 %.2f%n", storage / seconds,
                query / seconds, keys / seconds, values / seconds, hidden / seconds, pixels / seconds);
    }

    private static double sum(float[] a, int length) {
        double s = 0;
        for (int i = 0; i < length; i++) {
            s += a[i];
        }
        return s;
    }

    static Path save(Figure fig, Path file, int width, int height) throws IOException {
        fig.savePng(file, width, height);
        return file;
    }
}
