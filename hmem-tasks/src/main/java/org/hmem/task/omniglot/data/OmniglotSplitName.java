package org.hmem.task.omniglot.data;

import java.util.Locale;

/**
 * The four class splits of Vinyals et al. (2016) as published with the prototypical-networks code, each a file
 * {@code splits/vinyals/<name>.txt}. {@code TRAINVAL} is {@code TRAIN} and {@code VAL} together.
 */
public enum OmniglotSplitName {
    TRAIN,
    VAL,
    TEST,
    TRAINVAL;

    /** The lower-case name used in file names and messages ({@code train}, {@code val}, ...). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The split file's name inside {@code splits/vinyals/}. */
    public String fileName() {
        return id() + ".txt";
    }

    /** Parses {@code train}, {@code val}, {@code test} or {@code trainval} (any case). */
    public static OmniglotSplitName parse(String value) {
        for (OmniglotSplitName split : values()) {
            if (split.id().equalsIgnoreCase(value.trim())) {
                return split;
            }
        }
        throw new IllegalArgumentException(
                "Omniglot split must be train, val, test or trainval, got '" + value + "'");
    }
}
