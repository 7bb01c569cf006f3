package org.hmem.task.crossmodal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.hmem.task.flags.UserError;
import org.junit.jupiter.api.Test;

/** Episodes are reproducible per (seed, epoch, index) and follow the reference's pairing rules. */
class CrossModalEpisodeSamplerTest {

    /** {@code n} one-float items whose labels cycle through {@code digits}. */
    private static LabelledImages data(int n, int... digits) {
        return new LabelledImages() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int label(int item) {
                return digits[item % digits.length];
            }

            @Override
            public int imageSize() {
                return 1;
            }

            @Override
            public void image(int item, float[] out, int off) {
                out[off] = item;
            }

            @Override
            public int[] itemsOfClass(int digit) {
                return java.util.stream.IntStream.range(0, n).filter(i -> label(i) == digit).toArray();
            }
        };
    }

    private static final int[] DIGITS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    private final LabelledImages audio = data(300, DIGITS);
    private final LabelledImages images = data(1000, DIGITS);

    private CrossModalEpisodeSampler sampler(int[] classes, int length, boolean training, long seed) {
        return new CrossModalEpisodeSampler(audio, images, classes, length, training, seed);
    }

    @Test
    void batchesAreAFunctionOfSeedEpochAndIndex() {
        CrossModalEpisodeSampler s = sampler(DIGITS, 3, true, 61);
        CrossModalEpisodes a = s.batch(2, 5, 16);
        assertEquals(a, sampler(DIGITS, 3, true, 61).batch(2, 5, 16));
        assertNotEquals(a, s.batch(2, 6, 16));
        assertNotEquals(a, s.batch(3, 5, 16));
        assertNotEquals(a, sampler(DIGITS, 3, true, 62).batch(2, 5, 16));
        assertNotEquals(a, sampler(DIGITS, 3, false, 61).batch(2, 5, 16), "test episodes have their own stream");
        CrossModalEpisodes first = s.batch(2, 5, 4);
        assertEquals(Arrays.toString(Arrays.copyOf(a.audioItems(), 12)), Arrays.toString(first.audioItems()),
                "a batch's first episodes do not depend on the batch size");
    }

    @Test
    void pairsFollowTheReferenceRules() {
        for (boolean training : new boolean[] {true, false}) {
            int length = 4;
            CrossModalEpisodes e = sampler(DIGITS, length, training, 7).batch(0, 0, 200);
            for (int b = 0; b < e.batchSize(); b++) {
                int off = b * length;
                int[] ac = Arrays.copyOfRange(e.audioClasses(), off, off + length);
                int[] ic = Arrays.copyOfRange(e.imageClasses(), off, off + length);
                assertEquals(length, Arrays.stream(ac).distinct().count(), "distinct audio digits");
                int[] sortedA = ac.clone();
                int[] sortedI = ic.clone();
                Arrays.sort(sortedA);
                Arrays.sort(sortedI);
                assertEquals(Arrays.toString(sortedA), Arrays.toString(sortedI), "image digits permute audio digits");
                if (!training) {
                    assertEquals(Arrays.toString(ac), Arrays.toString(ic), "test pairs show the same digit");
                }
                for (int p = 0; p < length; p++) {
                    assertEquals(ac[p], audio.label(e.audioItems()[off + p]));
                    assertEquals(ic[p], images.label(e.imageItems()[off + p]));
                }
                int t = e.targetPosition()[b];
                int sequenceItem = e.audioItems()[off + t];
                int query = e.queryItem()[b];
                assertNotEquals(sequenceItem, query, "the query is another recording");
                assertEquals(audio.label(sequenceItem), audio.label(query));
                assertEquals(ac[t], e.targetClass(b));
                assertEquals(e.imageItems()[off + t], e.targetImageItem()[b], "the target is the shown image");
            }
        }
    }

    @Test
    void trainingPairsAreSometimesPermutedAndEverythingVaries() {
        CrossModalEpisodes e = sampler(DIGITS, 3, true, 1).batch(0, 0, 500);
        int permuted = 0;
        int[] targetPositions = new int[3];
        for (int b = 0; b < e.batchSize(); b++) {
            boolean identity = true;
            for (int p = 0; p < 3; p++) {
                identity &= e.audioClasses()[b * 3 + p] == e.imageClasses()[b * 3 + p];
            }
            permuted += identity ? 0 : 1;
            targetPositions[e.targetPosition()[b]]++;
        }
        // 5 of the 6 permutations of 3 differ from the identity
        assertTrue(permuted > 350 && permuted < 480, "permuted episodes: " + permuted);
        for (int count : targetPositions) {
            assertTrue(count > 120, "target positions " + Arrays.toString(targetPositions));
        }
    }

    @Test
    void onlyTheGivenClassesAreDrawn() {
        int[] classes = {2, 5, 7};
        CrossModalEpisodes e = sampler(classes, 3, true, 3).batch(1, 1, 100);
        for (int d : e.audioClasses()) {
            assertTrue(d == 2 || d == 5 || d == 7, "digit " + d);
        }
        for (int d : e.imageClasses()) {
            assertTrue(d == 2 || d == 5 || d == 7, "digit " + d);
        }
        CrossModalEpisodes one = sampler(new int[] {4}, 1, false, 3).batch(0, 0, 10);
        for (int b = 0; b < 10; b++) {
            assertEquals(4, one.audioClasses()[b]);
            assertEquals(0, one.targetPosition()[b]);
        }
    }

    @Test
    void impossibleSettingsAreUserErrors() {
        UserError tooLong = assertThrows(UserError.class, () -> sampler(new int[] {1, 2}, 3, true, 0));
        assertTrue(tooLong.getMessage().contains("between 1 and the number of training classes (2: [1, 2]), got 3"),
                tooLong.getMessage());
        UserError twice = assertThrows(UserError.class, () -> sampler(new int[] {1, 1}, 1, false, 0));
        assertTrue(twice.getMessage().contains("name digit 1 twice"), twice.getMessage());
        UserError notDigit = assertThrows(UserError.class, () -> sampler(new int[] {10}, 1, false, 0));
        assertTrue(notDigit.getMessage().contains("digits 0..9, got 10"), notDigit.getMessage());
        LabelledImages oneEach = data(10, DIGITS);
        UserError single = assertThrows(UserError.class,
                () -> new CrossModalEpisodeSampler(oneEach, images, new int[] {3, 4}, 2, true, 0));
        assertTrue(single.getMessage().contains("digit 3 has 1 recording in the training audio data"),
                single.getMessage());
        LabelledImages noSevens = data(100, 0, 1, 2, 3, 4, 5, 6, 8, 9);
        UserError noImage = assertThrows(UserError.class,
                () -> new CrossModalEpisodeSampler(audio, noSevens, new int[] {7}, 1, false, 0));
        assertTrue(noImage.getMessage().contains("digit 7 has no image"), noImage.getMessage());
    }
}
