package org.hmem.task.plot;

import java.util.Arrays;

/**
 * The reference's raster row: a spike raster in the wide left column and its neurons' rate bars in the narrow right
 * one of a figure made with {@code widthRatios(10, 1)}.
 */
public final class RasterRows {

    private RasterRows() {
    }

    /**
     * Adds the row. The first {@code steps} steps of {@code spikes} (time-major, as the engine records them) are
     * copied, so the buffer may be reused before the figure is drawn.
     *
     * @param normalisationSteps the period the rates are averaged over, see {@link SpikeRates#hz}
     */
    public static Figure add(Figure fig, int row, String title, float[] spikes, int neurons, int steps,
                             int normalisationSteps) {
        float[] copy = Arrays.copyOf(spikes, steps * neurons);
        return fig.add(row, 0, new RasterPanel(title, copy, neurons, steps))
                .add(row, 1, RateBarPanel.fromSpikes(copy, neurons, steps, normalisationSteps));
    }
}
