package org.hmem.task.crossmodal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.hmem.task.plot.DensityHistogramPanel;
import org.hmem.task.plot.Figure;
import org.hmem.task.plot.ImagePanel;

/**
 * The figures of the evaluation over many test episodes (spec §10.6, for both models): density histograms of the
 * reconstruction errors, and the first episodes' targets above their reconstructions.
 */
final class ReconstructionFigures {

    /** The reference's bins per histogram. */
    static final int BINS = 30;
    /** Episodes in the grid of targets and reconstructions. */
    static final int GRID_EPISODES = 10;

    private ReconstructionFigures() {
    }

    /** Writes the histograms and the grid into {@code dir}. */
    static List<Path> write(ReconstructionErrors errors, CrossModalBatch batch, float[] reconstructions, Path dir)
            throws IOException {
        ReconstructionErrors.Series[] series = errors.histogramSeries();
        Path histograms = CrossModalPlots.save(histograms(errors), dir.resolve("9_mse_histograms.png"),
                Math.max(500, 430 * series.length), 450);
        int k = Math.min(GRID_EPISODES, batch.size());
        Path grid = CrossModalPlots.save(grid(errors, batch, reconstructions), dir.resolve("10_reconstructions.png"),
                Math.max(400, 150 * k), 380);
        return List.of(histograms, grid);
    }

    /** One histogram per series, all over the same bins so that they compare. */
    static Figure histograms(ReconstructionErrors errors) {
        ReconstructionErrors.Series[] series = errors.histogramSeries();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (ReconstructionErrors.Series s : series) {
            for (float v : s.mse()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(lo < hi)) {
            hi = lo + 1e-3;
        }
        String title = String.format(Locale.ROOT, "Reconstruction MSE of %d test episodes", errors.episodes())
                + (errors.judged() ? String.format(Locale.ROOT, "; recognised as the target digit: %.1f %%",
                errors.recognisedPercent()) : "");
        Figure fig = Figure.grid(1, series.length).sharedX(false).title(title);
        for (int k = 0; k < series.length; k++) {
            fig.add(0, k, new DensityHistogramPanel(series[k].name(), series[k].mse(), lo, hi, BINS)
                    .axisLabels("MSE", "Probability"));
        }
        return fig;
    }

    /**
     * The first (up to) ten episodes: targets on top, reconstructions below (each grey over its own range), titled
     * with the MSE and, when judged, the digit the classifier sees.
     */
    static Figure grid(ReconstructionErrors errors, CrossModalBatch batch, float[] reconstructions) {
        int k = Math.min(GRID_EPISODES, batch.size());
        float[] mse = errors.target();
        Figure fig = Figure.grid(2, k).sharedX(false).title("Targets (top) and reconstructions (bottom) of the first "
                + k + " test episodes");
        for (int b = 0; b < k; b++) {
            int off = b * CrossModalPlots.PIXELS;
            fig.add(0, b, new ImagePanel("digit " + errors.digit(b), batch.target(), off, CrossModalPlots.SIDE,
                    CrossModalPlots.SIDE, 0, 1));
            String title = String.format(Locale.ROOT, "MSE %.3f", mse[b])
                    + (errors.judged() ? ", seen " + errors.predicted(b) : "");
            fig.add(1, b, CrossModalPlots.ownRangePanel(title, reconstructions, off));
        }
        return fig;
    }
}
