package org.hmem.task.crossmodal;

import java.util.Arrays;

import org.hmem.task.crossmodal.data.CrossModalEpisodes;
import org.hmem.task.crossmodal.data.LabelledImages;

/**
 * The inputs and targets of a batch of cross-modal episodes, gathered into flat arrays: per episode b the L MFCC
 * images {@code mfcc[(b L + p) * mfccSize ..]}, the L MNIST images {@code images[(b L + p) * 784 ..]}, the query MFCC
 * {@code query[b * mfccSize ..]} and the target image {@code target[b * 784 ..]} (spec §6.3). Item indices into the
 * splits they came from let the frozen CNNs cache spikes per item; a batch built from raw arrays has none.
 *
 * @param audio the split of the MFCC items and the query, or null
 * @param audioItems item of each MFCC image {@code [b L + p]}, or null
 * @param queryItems item of each query, or null
 * @param images the split of the MNIST items, or null
 * @param imageItems item of each image {@code [b L + p]}, or null
 * @param episodes the episodes the batch was gathered from (their digits, for plots), or null
 */
public record CrossModalBatch(int size, int pairs, float[] mfcc, float[] imagePixels, float[] query, float[] target,
                              LabelledImages audio, int[] audioItems, int[] queryItems, LabelledImages images,
                              int[] imageItems, CrossModalEpisodes episodes) {

    /** A batch without item indices (no spike caching). */
    public static CrossModalBatch ofArrays(int size, int pairs, float[] mfcc, float[] imagePixels, float[] query,
                                           float[] target) {
        return new CrossModalBatch(size, pairs, mfcc, imagePixels, query, target, null, null, null, null, null, null);
    }

    /** Whether the inputs carry item indices for the spike caches. */
    public boolean hasItems() {
        return audioItems != null && queryItems != null && imageItems != null;
    }

    /**
     * Episodes {@code [from, to)} as a batch of their own (inputs, targets and item numbers copied; without the
     * episodes' digits).
     */
    public CrossModalBatch slice(int from, int to) {
        int l = pairs, ms = query.length / size, px = target.length / size;
        return new CrossModalBatch(to - from, l, Arrays.copyOfRange(mfcc, from * l * ms, to * l * ms),
                Arrays.copyOfRange(imagePixels, from * l * px, to * l * px),
                Arrays.copyOfRange(query, from * ms, to * ms), Arrays.copyOfRange(target, from * px, to * px), audio,
                audioItems == null ? null : Arrays.copyOfRange(audioItems, from * l, to * l),
                queryItems == null ? null : Arrays.copyOfRange(queryItems, from, to), images,
                imageItems == null ? null : Arrays.copyOfRange(imageItems, from * l, to * l), null);
    }
}
