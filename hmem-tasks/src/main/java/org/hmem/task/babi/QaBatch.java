package org.hmem.task.babi;

/**
 * A batch of vectorised bAbI samples (spec §6.4): stories of S sentences of W word indices (0 = padding), a query of
 * W indices, the answer's vocabulary index and the number of real sentences.
 */
public record QaBatch(int batch, int sentences, int words, int[] story, int[] query, int[] answer,
                      int[] storyLength) {

    public QaBatch {
        if (story.length != batch * sentences * words || query.length != batch * words || answer.length != batch
                || storyLength.length != batch) {
            throw new IllegalArgumentException("inconsistent bAbI batch arrays");
        }
    }
}
