package org.hmem.task.babi.data;

import java.util.List;

/**
 * The text of one bAbI file, already read.
 *
 * @param origin where it came from, for messages (a path, or {@code tarball!entry})
 * @param lines its lines without line terminators
 */
public record BabiFile(String origin, List<String> lines) {

    public BabiFile {
        lines = List.copyOf(lines);
    }
}
