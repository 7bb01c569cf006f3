package org.hmem.task.crossmodal.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.hmem.engine.tensor.Tensor;
import org.hmem.task.crossmodal.DigitClassifier;
import org.hmem.task.crossmodal.data.LabelledImages;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.junit.jupiter.api.Test;

/** The classifier's state dict, the scores, the split and the modality flags; no data needed. */
class DigitClassifierTest {

    @Test
    void stateDictHasTheReferenceNames() {
        assertEquals(List.of("encoder.0.0.weight", "encoder.1.0.weight", "encoder.2.0.weight", "encoder.3.0.weight",
                "linear.weight", "linear.bias"), List.copyOf(new DigitClassifier(false, 28, 28).stateDict().keySet()));
        Set<String> bn = new DigitClassifier(true, 30, 20).stateDict().keySet();
        assertTrue(bn.contains("encoder.2.1.running_var"), bn.toString());
        assertEquals(4 * 6 + 2, bn.size(), bn.toString());
    }

    @Test
    void loadingIsStrictAndAllOrNothing() {
        DigitClassifier source = new DigitClassifier(false, 28, 28).initialise(1);
        DigitClassifier target = new DigitClassifier(false, 28, 28);
        Map<String, Tensor> state = source.stateDict();
        target.loadStateDict(state);
        assertEquals(state, target.stateDict());

        DigitClassifier fresh = new DigitClassifier(false, 28, 28);
        Map<String, Tensor> noHead = new LinkedHashMap<>(state);
        noHead.remove("linear.bias");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fresh.loadStateDict(noHead));
        assertTrue(e.getMessage().contains("missing linear.bias"), e.getMessage());
        Map<String, Tensor> noConv = new LinkedHashMap<>(state);
        noConv.remove("encoder.3.0.weight");
        assertThrows(IllegalArgumentException.class, () -> fresh.loadStateDict(noConv));
        assertEquals(new DigitClassifier(false, 28, 28).stateDict(), fresh.stateDict(), "unchanged after failures");
    }

    @Test
    void initialisationIsPyTorchsDefaultAndSeeded() {
        DigitClassifier a = new DigitClassifier(false, 28, 28).initialise(5);
        float[] linear = a.stateDict().get("linear.weight").data();
        float max = 0;
        for (float x : linear) {
            max = Math.max(max, Math.abs(x));
        }
        assertTrue(max <= 1 / 8f && max > 0.9f / 8, "linear weights within 1/sqrt(64): " + max);
        assertEquals(a.stateDict(), new DigitClassifier(false, 28, 28).initialise(5).stateDict());
        assertFalse(a.stateDict().equals(new DigitClassifier(false, 28, 28).initialise(6).stateDict()));
    }

    @Test
    void scoresRankTiesLikeArgmax() {
        Scores s = new Scores();
        float[] logits = {0, 5, 5, 1, 1, 1, 1, 1, 1, 1};
        s.add(0.5, logits, 0, 10, 1);   // top-1: the first of the tied maxima
        s.add(1.5, logits, 0, 10, 2);   // tied with a lower class: rank 1
        s.add(2.0, logits, 0, 10, 0);   // the smallest logit: rank 9
        assertEquals(3, s.images());
        assertEquals(1.0 / 3, s.top1(), 1e-12);
        assertEquals(2.0 / 3, s.top5(), 1e-12);
        assertEquals(4.0 / 3, s.loss(), 1e-12);
        assertEquals("Loss 1.3333  Acc@1 33.33  Acc@5 66.67", s.toString());
    }

    @Test
    void splitIsNinetyTenDisjointAndSeeded() {
        LabelledImages all = fake(1000);
        TrainValSplit a = TrainValSplit.of(all, 61);
        assertEquals(900, a.train().size());
        assertEquals(100, a.val().size());
        Set<Integer> seen = new HashSet<>();
        for (LabelledImages part : List.of(a.train(), a.val())) {
            float[] one = new float[1];
            for (int i = 0; i < part.size(); i++) {
                part.image(i, one, 0);
                assertTrue(seen.add((int) one[0]), "item " + one[0] + " twice");
            }
        }
        assertEquals(1000, seen.size());
        assertArrayEquals(a.val().itemsOfClass(3), TrainValSplit.of(all, 61).val().itemsOfClass(3));
        assertFalse(Arrays.equals(a.val().itemsOfClass(3), TrainValSplit.of(all, 62).val()
                .itemsOfClass(3)));
    }

    @Test
    void audioSwitchAndModalityAgreeOrFail() {
        FlagValues d = DigitClassifierFlags.ALL.defaults();
        assertEquals(Modality.IMAGE, DigitClassifierFlags.modality(d));
        assertEquals(Modality.AUDIO, DigitClassifierFlags.modality(d.with(DigitClassifierFlags.AUDIO, true)));
        assertEquals(Modality.AUDIO, DigitClassifierFlags.modality(d.with(DigitClassifierFlags.MODALITY, "audio")));
        UserError e = assertThrows(UserError.class, () -> DigitClassifierFlags.modality(
                d.with(DigitClassifierFlags.AUDIO, true).with(DigitClassifierFlags.MODALITY, "image")));
        assertEquals("--audio and --modality image contradict each other; give one", e.getMessage());
        assertEquals("Audio_classification_task", Modality.AUDIO.checkpointSuffix());
        assertEquals("MNIST_classification_task", Modality.IMAGE.checkpointSuffix());
    }

    @Test
    void shippedFilesTellTheirModalityBySource() {
        assertEquals(Modality.AUDIO, DigitClassifierCheckpoint.recordedModality(Map.of("source",
                "org/repo@abc results/checkpoints/cross-modal-associations-task-audio-protonet-checkpoint.tar")));
        assertEquals(Modality.IMAGE, DigitClassifierCheckpoint.recordedModality(Map.of("modality", "image")));
        assertNull(DigitClassifierCheckpoint.recordedModality(Map.of("format", "hmem-protonet/1")));
    }

    /** {@code n} one-pixel images whose pixel is the item's index, labelled {@code index % 10}. */
    private static LabelledImages fake(int n) {
        return new LabelledImages() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int label(int item) {
                return item % 10;
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
                return IntStream.range(0, n).filter(i -> i % 10 == digit).toArray();
            }
        };
    }
}
