package org.hmem.task.babi.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns the lines of a bAbI file into question samples, exactly as the reference does (spec §6.4), because the
 * vocabulary and all shapes follow from these tokens.
 *
 * <p>Per line: lower-case it, split the line id off at the first space; id 1 starts a new story. Text ending in
 * {@code .} is a statement: the dot is dropped and the rest split on single spaces and appended to the story.
 * Anything else is a question line {@code question TAB answer TAB supporting-ids}: each part is stripped, the
 * question loses its last character (the {@code ?}) and is split on single spaces, and the answer stays one token.
 * Each question yields a sample whose story is every statement of the current story so far. With
 * {@code maxNumSentences > 0}, a question whose story has more statements is skipped, not truncated.
 *
 * <p>Splitting on single spaces keeps empty tokens between double spaces, as Python's {@code str.split(' ')} does;
 * the official files contain none. Blank lines are ignored.
 */
public final class BabiParser {

    private BabiParser() {
    }

    /** Parses a file found by {@link BabiFiles}. */
    public static BabiParsedSplit parse(BabiFile file, int maxNumSentences) {
        return parse(file.lines(), maxNumSentences, file.origin());
    }

    /**
     * Parses bAbI lines.
     *
     * @param maxNumSentences skip questions whose story is longer; {@code <= 0} keeps all
     * @param origin names the source in error messages
     * @throws BabiDataException on a line that is neither a statement nor a question
     */
    public static BabiParsedSplit parse(List<String> lines, int maxNumSentences, String origin) {
        List<BabiSample> samples = new ArrayList<>();
        List<List<String>> story = new ArrayList<>();
        int skipped = 0;
        int lineNumber = 0;
        for (String raw : lines) {
            lineNumber++;
            String line = raw.toLowerCase(Locale.ROOT).strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0) {
                throw malformed(origin, lineNumber, raw, "expected '<id> <text>'");
            }
            int id;
            try {
                id = Integer.parseInt(line.substring(0, space));
            } catch (NumberFormatException e) {
                throw malformed(origin, lineNumber, raw, "the line does not start with a numeric id");
            }
            String text = line.substring(space + 1);
            if (id == 1) {
                story = new ArrayList<>();
            }
            if (text.endsWith(".")) {
                story.add(splitOnSpaces(text.substring(0, text.length() - 1)));
                continue;
            }
            String[] parts = text.split("\t", -1);
            if (parts.length < 2) {
                throw malformed(origin, lineNumber, raw,
                        "neither a statement (ending in '.') nor a question line (question TAB answer TAB ids)");
            }
            String question = parts[0].strip();
            String answer = parts[1].strip();
            if (question.isEmpty()) {
                throw malformed(origin, lineNumber, raw, "empty question");
            }
            if (maxNumSentences > 0 && story.size() > maxNumSentences) {
                skipped++;
                continue;
            }
            samples.add(new BabiSample(story, splitOnSpaces(question.substring(0, question.length() - 1)), answer));
        }
        return new BabiParsedSplit(samples, skipped, BabiSplitStats.of(samples));
    }

    /** Python's {@code s.split(' ')}: every single space separates, empty tokens included. */
    static List<String> splitOnSpaces(String s) {
        return List.copyOf(Arrays.asList(s.split(" ", -1)));
    }

    private static BabiDataException malformed(String origin, int lineNumber, String line, String why) {
        return new BabiDataException("malformed bAbI line " + origin + ":" + lineNumber + ": " + why + ": \""
                + line + "\"");
    }
}
