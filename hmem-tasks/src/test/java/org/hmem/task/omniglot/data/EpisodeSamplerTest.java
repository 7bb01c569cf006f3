package org.hmem.task.omniglot.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The episodic sampler's episodes are well formed, uniform enough, and a pure function of (seed, epoch, index). */
class EpisodeSamplerTest {

    private static final OmniglotSplit SPLIT = SamplerFixtures.split(40, 20);

    private static void assertWellFormed(OmniglotSplit split, Episodes episodes) {
        int n = episodes.ways();
        for (int e = 0; e < episodes.batchSize(); e++) {
            Set<Integer> classes = new HashSet<>();
            for (int k = 0; k < n; k++) {
                int c = episodes.supportClasses()[e * n + k];
                assertTrue(classes.add(c), "class " + c + " twice in episode " + e);
                assertEquals(c, split.classOf(episodes.supportItem(e, k)), "support item in its class");
            }
            int answer = episodes.answer()[e];
            assertTrue(answer >= 0 && answer < n);
            int query = episodes.query()[e];
            assertEquals(episodes.supportClasses()[e * n + answer], split.classOf(query), "query in target class");
            assertNotEquals(episodes.supportItem(e, answer), query, "query is another drawing");
            for (int k = 0; k < n; k++) {
                if (k != answer) {
                    assertNotEquals(split.classOf(query), episodes.supportClasses()[e * n + k], "one answer only");
                }
            }
        }
    }

    @Test
    void episodesAreWellFormed() {
        EpisodeSampler sampler = new EpisodeSampler(SPLIT, 5, 42);
        for (int index = 0; index < 20; index++) {
            Episodes episodes = sampler.batch(0, index, 64);
            assertEquals(64, episodes.batchSize());
            assertEquals(64 * 5, episodes.support().length);
            assertWellFormed(SPLIT, episodes);
        }
    }

    @Test
    void sameSeedEpochAndIndexGiveTheSameEpisodes() {
        Episodes a = new EpisodeSampler(SPLIT, 5, 42).batch(3, 17, 32);
        Episodes b = new EpisodeSampler(SPLIT, 5, 42).batch(3, 17, 32);
        assertEquals(a, b);
        assertArrayEquals(a.support(), b.support());
        // a batch's first episodes do not depend on the batch size
        Episodes prefix = new EpisodeSampler(SPLIT, 5, 42).batch(3, 17, 8);
        assertArrayEquals(Arrays.copyOf(a.support(), 8 * 5), prefix.support());
        assertArrayEquals(Arrays.copyOf(a.query(), 8), prefix.query());
    }

    @Test
    void otherEpochIndexOrSeedGiveOtherEpisodes() {
        EpisodeSampler sampler = new EpisodeSampler(SPLIT, 5, 42);
        Episodes base = sampler.batch(3, 17, 32);
        assertNotEquals(base, sampler.batch(4, 17, 32));
        assertNotEquals(base, sampler.batch(3, 18, 32));
        assertNotEquals(base, new EpisodeSampler(SPLIT, 5, 43).batch(3, 17, 32));
        // consecutive epochs share no batch: compare every batch of epoch 0 with every batch of epoch 1
        Set<Episodes> epoch0 = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            epoch0.add(sampler.batch(0, i, 16));
        }
        for (int i = 0; i < 50; i++) {
            assertTrue(!epoch0.contains(sampler.batch(1, i, 16)), "batch " + i);
        }
    }

    @Test
    void answerPositionsClassesAndDrawingsAreUniform() {
        EpisodeSampler sampler = new EpisodeSampler(SPLIT, 5, 7);
        int[] answers = new int[5];
        int[] classUse = new int[SPLIT.numClasses()];
        int[] queryDrawing = new int[20];
        int episodes = 0;
        for (int index = 0; index < 100; index++) {
            Episodes batch = sampler.batch(2, index, 200);
            for (int e = 0; e < batch.batchSize(); e++) {
                answers[batch.answer()[e]]++;
                int q = batch.query()[e];
                queryDrawing[q - SPLIT.firstItem(SPLIT.classOf(q))]++;
                episodes++;
            }
            for (int c : batch.supportClasses()) {
                classUse[c]++;
            }
        }
        // chi-square with 4, 39 and 19 degrees of freedom; the bounds are far beyond the 99.99th percentiles
        assertTrue(chiSquare(answers) < 25, "answers " + Arrays.toString(answers));
        assertTrue(chiSquare(classUse) < 90, "classes " + Arrays.toString(classUse));
        assertTrue(chiSquare(queryDrawing) < 55, "query drawings " + Arrays.toString(queryDrawing));
        assertEquals(20000, episodes);
    }

    private static double chiSquare(int[] counts) {
        double total = Arrays.stream(counts).sum();
        double expected = total / counts.length;
        double chi = 0;
        for (int c : counts) {
            chi += (c - expected) * (c - expected) / expected;
        }
        return chi;
    }

    @Test
    void allClassesAsWaysIsAPermutation() {
        OmniglotSplit small = SamplerFixtures.split(6, 2);
        Episodes episodes = new EpisodeSampler(small, 6, 1).batch(0, 0, 50);
        assertWellFormed(small, episodes);
        for (int e = 0; e < 50; e++) {
            int[] classes = Arrays.copyOfRange(episodes.supportClasses(), e * 6, e * 6 + 6);
            Arrays.sort(classes);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, classes);
        }
    }

    /** {@code --max_classes}: every episode's classes come from the split's first ones, and all of those are used. */
    @Test
    void aClassLimitDrawsFromTheFirstClassesOnly() {
        EpisodeSampler sampler = new EpisodeSampler(SPLIT, 5, 3, 8);
        boolean[] used = new boolean[8];
        for (int index = 0; index < 20; index++) {
            Episodes batch = sampler.batch(0, index, 16);
            for (int c : batch.supportClasses()) {
                assertTrue(c < 8, "class " + c);
                used[c] = true;
            }
            for (int e = 0; e < batch.batchSize(); e++) {
                assertTrue(SPLIT.classOf(batch.query()[e]) < 8);
            }
        }
        for (int c = 0; c < 8; c++) {
            assertTrue(used[c], "class " + c + " never drawn");
        }
        assertThrows(IllegalArgumentException.class, () -> new EpisodeSampler(SPLIT, 5, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> new EpisodeSampler(SPLIT, 5, 3, SPLIT.numClasses() + 1));
    }

    @Test
    void impossibleEpisodesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new EpisodeSampler(SPLIT, 41, 1));
        assertThrows(IllegalArgumentException.class, () -> new EpisodeSampler(SPLIT, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new EpisodeSampler(SamplerFixtures.split(5, 1), 2, 1));
        EpisodeSampler sampler = new EpisodeSampler(SPLIT, 5, 1);
        assertThrows(IllegalArgumentException.class, () -> sampler.batch(0, -1, 4));
        assertThrows(IllegalArgumentException.class, () -> sampler.batch(0, 0, 0));
    }
}
