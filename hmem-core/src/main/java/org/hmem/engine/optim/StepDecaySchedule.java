package org.hmem.engine.optim;

/** Step decay {@code lr = lr0 * decay^floor(epoch / every)}, applied at the start of each epoch (spec §7.1). */
public record StepDecaySchedule(double initial, double decay, int every) {

    public StepDecaySchedule {
        if (every <= 0) {
            throw new IllegalArgumentException("decay interval must be > 0 epochs, got " + every);
        }
    }

    public double at(int epoch) {
        return initial * Math.pow(decay, Math.floorDiv(epoch, every));
    }
}
