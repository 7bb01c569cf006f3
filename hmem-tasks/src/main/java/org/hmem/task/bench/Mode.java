package org.hmem.task.bench;

import java.util.Locale;

/** What one benchmark iteration does: a full training iteration, or the forward pass with loss only. */
public enum Mode {
    TRAIN, FORWARD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code s} (its label, any case). */
    public static Mode parse(String s) {
        for (Mode m : values()) {
            if (m.label().equalsIgnoreCase(s.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + s + "': expected train or forward");
    }
}
