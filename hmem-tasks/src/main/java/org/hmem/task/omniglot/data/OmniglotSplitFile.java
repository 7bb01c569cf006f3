package org.hmem.task.omniglot.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Vinyals split file, read and checked: one class {@code Alphabet/characterNN/rotDDD} per line.
 *
 * <p>The classes keep the <em>line order</em> of the file. The reference numbers classes in the order a recursive
 * directory walk meets them, which depends on the file system; any fixed bijection gives the same experiments, and
 * the file's order is fixed, readable and already groups the four rotations of a character. Blank lines are skipped;
 * a malformed or repeated line is an error naming the file and the line, because a silently dropped class would
 * change the task.
 */
final class OmniglotSplitFile {

    private static final Pattern LINE = Pattern.compile("([^/]+/[^/]+)/rot(\\d{3})");

    private final Path file;
    private final byte[] content;
    private final List<OmniglotClassRef> classes;

    private OmniglotSplitFile(Path file, byte[] content, List<OmniglotClassRef> classes) {
        this.file = file;
        this.content = content;
        this.classes = List.copyOf(classes);
    }

    /**
     * Reads and parses a split file.
     *
     * @throws OmniglotDataException if it cannot be read, or a line is malformed or repeated
     */
    static OmniglotSplitFile read(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new OmniglotDataException("cannot read the Omniglot split file " + file + ": " + e.getMessage(), e);
        }
        return parse(file, content);
    }

    /** Parses the content of a split file; {@code file} only names it in messages. */
    static OmniglotSplitFile parse(Path file, byte[] content) {
        List<OmniglotClassRef> classes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> lines = new String(content, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            OmniglotClassRef ref = parseLine(file, i + 1, line);
            if (!seen.add(ref.name())) {
                throw new OmniglotDataException(file + " line " + (i + 1) + ": class " + line + " is listed twice");
            }
            classes.add(ref);
        }
        if (classes.isEmpty()) {
            throw new OmniglotDataException("the Omniglot split file " + file + " lists no class");
        }
        return new OmniglotSplitFile(file, content, classes);
    }

    private static OmniglotClassRef parseLine(Path file, int number, String line) {
        Matcher m = LINE.matcher(line);
        int rotation = m.matches() ? Integer.parseInt(m.group(2)) : -1;
        if (rotation != 0 && rotation != 90 && rotation != 180 && rotation != 270) {
            throw new OmniglotDataException(file + " line " + number + ": expected Alphabet/characterNN/rotDDD with "
                    + "DDD one of 000, 090, 180, 270, got '" + line + "'");
        }
        return new OmniglotClassRef(m.group(1), rotation);
    }

    /** Where it was read from, for messages. */
    Path file() {
        return file;
    }

    /** A copy of the raw bytes: the cache key covers them, so any edit of the file rebuilds the cache. */
    byte[] content() {
        return content.clone();
    }

    /** The classes in line order. */
    List<OmniglotClassRef> classes() {
        return classes;
    }

    /** The number of classes. */
    int size() {
        return classes.size();
    }
}
