package org.hmem.task.babi.data;

import java.util.Locale;

/** Where a story is padded with empty sentences up to its split's maximum length ({@code --padding}). */
public enum BabiPadding {
    /** Empty sentences first, so the real sentences end at the last slot (the default). */
    PRE,
    /** Real sentences first, empty ones after. */
    POST;

    /** Parses the flag value {@code pre} or {@code post} (any case). */
    public static BabiPadding parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "pre" -> PRE;
            case "post" -> POST;
            default -> throw new IllegalArgumentException("padding must be 'pre' or 'post', got '" + value + "'");
        };
    }
}
