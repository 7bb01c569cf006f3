package org.hmem.task.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hmem.engine.conv.SpikingProtoNet;
import org.hmem.task.flags.UserError;

/** The text form of a spiking CNN's four thresholds in a flag ({@code 0.9151,4.712,3.1376,2.6661}). */
public final class CnnThresholds {

    private CnnThresholds() {
    }

    /**
     * Four non-negative finite numbers separated by commas.
     *
     * @param flag the flag's name, for the message
     * @throws UserError otherwise
     */
    public static float[] parse(String flag, String text) {
        String[] parts = text.trim().split(",");
        if (parts.length != SpikingProtoNet.BLOCKS) {
            throw bad(flag, text);
        }
        float[] t = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                t[i] = Float.parseFloat(parts[i].trim());
            } catch (NumberFormatException e) {
                throw bad(flag, text);
            }
            if (!(t[i] >= 0f) || Float.isInfinite(t[i])) {
                throw bad(flag, text);
            }
        }
        return t;
    }

    /** The text of {@code t} (exact float round trip). */
    public static String format(float[] t) {
        List<String> parts = new ArrayList<>();
        for (float x : t) {
            parts.add(Float.toString(x));
        }
        return String.join(",", parts).toLowerCase(Locale.ROOT);
    }

    private static UserError bad(String flag, String text) {
        return new UserError(flag + " needs four non-negative numbers separated by commas, got '" + text + "'");
    }
}
