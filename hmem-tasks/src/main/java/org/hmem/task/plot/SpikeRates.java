package org.hmem.task.plot;

/**
 * Per-neuron firing rates in Hz, as the reference's rate bars compute them: spike count divided by
 * {@code 1e-3 · normalisationSteps} seconds (one step is 1 ms).
 *
 * <p>The normalisation is a separate argument because the reference divides some rasters by a longer period than
 * they show (e.g. a query raster of {@code T} steps normalised by {@code L·T}).
 */
public final class SpikeRates {

    private SpikeRates() {
    }

    /**
     * @param spikes time-major spike buffer {@code [t * neurons + i]}
     * @return rate of each neuron in Hz
     */
    public static double[] hz(float[] spikes, int neurons, int steps, int normalisationSteps) {
        if (normalisationSteps <= 0) {
            throw new IllegalArgumentException("normalisationSteps must be positive, got " + normalisationSteps);
        }
        CellGrid grid = CellGrid.timeMajor(spikes, neurons, steps);
        double seconds = 1e-3 * normalisationSteps;
        double[] rates = new double[neurons];
        for (int i = 0; i < neurons; i++) {
            rates[i] = grid.rowSum(i) / seconds;
        }
        return rates;
    }
}
