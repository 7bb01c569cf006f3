package org.hmem.task.babi.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BabiParserTest {

    private static BabiParsedSplit parse(String text, int maxNumSentences) {
        return BabiParser.parse(text.lines().toList(), maxNumSentences, "fixture");
    }

    @Test
    void questionsBecomeSamplesWithTheStatementsSoFar() {
        BabiParsedSplit split = parse(BabiFixtures.TRAIN, 50);
        assertEquals(3, split.size());
        assertEquals(0, split.skippedQuestions());

        BabiSample first = split.samples().get(0);
        assertEquals(List.of(List.of("mary", "moved", "to", "the", "bathroom"),
                List.of("john", "went", "to", "the", "hallway")), first.story());
        assertEquals(List.of("where", "is", "mary"), first.question());
        assertEquals("bathroom", first.answer());

        // the earlier question is not part of the story; the new statement is appended
        BabiSample second = split.samples().get(1);
        assertEquals(3, second.story().size());
        assertEquals(List.of("daniel", "went", "back", "to", "the", "hallway"), second.story().get(2));
        assertEquals(List.of("where", "is", "daniel"), second.question());
    }

    @Test
    void idOneStartsANewStory() {
        BabiSample third = parse(BabiFixtures.TRAIN, 50).samples().get(2);
        assertEquals(List.of(List.of("sandra", "went", "to", "the", "garden")), third.story());
    }

    @Test
    void multiPartAnswerStaysOneToken() {
        BabiSample third = parse(BabiFixtures.TRAIN, 50).samples().get(2);
        assertEquals("n,w", third.answer());
        assertEquals(List.of("which", "way", "from", "the", "garden"), third.question());
    }

    @Test
    void statisticsCoverStoriesSentencesAndQuestions() {
        BabiSplitStats stats = parse(BabiFixtures.TRAIN, 50).stats();
        assertEquals(new BabiSplitStats(3, 6, 5), stats);
        assertEquals(6, stats.maxNumWords());
    }

    @Test
    void questionsWithLongerStoriesAreSkippedNotTruncated() {
        BabiParsedSplit split = parse(BabiFixtures.TRAIN, 2);
        assertEquals(1, split.skippedQuestions());
        assertEquals(2, split.size());
        assertEquals("bathroom", split.samples().get(0).answer());
        assertEquals("n,w", split.samples().get(1).answer());
        assertEquals(2, split.stats().maxStorySentences());
        // a story of exactly the limit is kept
        assertEquals(0, parse(BabiFixtures.TRAIN, 3).skippedQuestions());
        // no limit
        assertEquals(0, parse(BabiFixtures.TRAIN, 0).skippedQuestions());
    }

    @Test
    void blankLinesAndWindowsLineEndsAreHarmless() {
        String text = "1 A b.\r\n\r\n2 C? \tb\t1\r\n";
        BabiParsedSplit split = parse(text, 50);
        assertEquals(1, split.size());
        assertEquals(List.of(List.of("a", "b")), split.samples().get(0).story());
        assertEquals(List.of("c"), split.samples().get(0).question());
    }

    @Test
    void malformedLinesNameTheirPlace() {
        BabiDataException e = assertThrows(BabiDataException.class, () -> parse("1 A b.\n2 no question mark", 50));
        assertTrue(e.getMessage().contains("fixture:2"), e.getMessage());
        e = assertThrows(BabiDataException.class, () -> parse("x A b.", 50));
        assertTrue(e.getMessage().contains("numeric id"), e.getMessage());
    }

    @Test
    void splitOnSpacesKeepsEmptyTokensLikePython() {
        assertEquals(List.of("a", "", "b"), BabiParser.splitOnSpaces("a  b"));
        assertEquals(List.of("a"), BabiParser.splitOnSpaces("a"));
    }
}
