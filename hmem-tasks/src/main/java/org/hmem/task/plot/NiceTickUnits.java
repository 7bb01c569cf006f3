package org.hmem.task.plot;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.axis.TickUnits;

/**
 * Tick steps of 1, 2, 5 × 10ᵏ, formatted without digit grouping ("1000", not "1,000"), and spaced about
 * {@code spread} label sizes apart.
 *
 * <p>Why: JFreeChart's automatic choice packs labels as tightly as they fit (every 5th neuron, every 0.05 on a colour
 * bar), which is much busier than matplotlib's default of roughly 5–10 ticks. JFreeChart asks this source for the
 * smallest unit that fits the labels; inflating that request by {@code spread} leaves air between the labels.
 */
final class NiceTickUnits implements TickUnitSource {

    private static final double SPREAD = 3.0;

    private final TickUnits units = new TickUnits();
    private final double spread;

    private NiceTickUnits(boolean integer, double spread) {
        this.spread = spread;
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        for (int exp = integer ? 0 : -6; exp <= 9; exp++) {
            int decimals = Math.max(0, -exp);
            DecimalFormat format = new DecimalFormat(decimals == 0 ? "0" : "0." + "0".repeat(decimals), symbols);
            for (int mantissa : new int[] {1, 2, 5}) {
                units.add(new NumberTickUnit(mantissa * Math.pow(10, exp), format));
            }
        }
    }

    /** Ticks for an axis of whole numbers (neurons, time steps, cell indices). */
    static NiceTickUnits integers() {
        return new NiceTickUnits(true, SPREAD);
    }

    /** Ticks for a continuous axis (rates, colour bars). */
    static NiceTickUnits decimals() {
        return new NiceTickUnits(false, SPREAD);
    }

    @Override
    public TickUnit getLargerTickUnit(TickUnit unit) {
        return units.getLargerTickUnit(unit);
    }

    @Override
    public TickUnit getCeilingTickUnit(TickUnit unit) {
        return units.getCeilingTickUnit(unit);
    }

    @Override
    public TickUnit getCeilingTickUnit(double size) {
        return units.getCeilingTickUnit(size * spread);
    }
}
