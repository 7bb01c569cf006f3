package org.hmem.task.omniglot.pretrain;

import java.util.Locale;

/**
 * The shape of a prototypical episode: {@code ways} classes with {@code support} + {@code query} drawings each
 * (spec §8.9: 60-way 1 + 5 for training, 5-way 1 + 15 for validation and test).
 *
 * @param flagSuffix {@code _train} or {@code _val}: which flags set it, for messages
 */
public record EpisodeShape(int ways, int support, int query, String flagSuffix) {

    /** Drawings per class, support and query together. */
    public int samplesPerClass() {
        return support + query;
    }

    /** Images in one episode. */
    public long images() {
        return (long) ways * samplesPerClass();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d-way %d-shot, %d quer%s per class", ways, support, query,
                query == 1 ? "y" : "ies");
    }
}
