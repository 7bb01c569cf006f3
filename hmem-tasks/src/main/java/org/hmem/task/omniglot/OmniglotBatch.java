package org.hmem.task.omniglot;

import org.hmem.task.omniglot.data.Episodes;
import org.hmem.task.omniglot.data.OmniglotSplit;

/** A batch of episodes and the split whose items they name (for the pixels and the spike cache). */
public record OmniglotBatch(OmniglotSplit split, Episodes episodes) {

    public int size() {
        return episodes.batchSize();
    }

    public int ways() {
        return episodes.ways();
    }

    /** The label position {@code k} of episode {@code e}'s query. */
    public int answer(int e) {
        return episodes.answer()[e];
    }
}
