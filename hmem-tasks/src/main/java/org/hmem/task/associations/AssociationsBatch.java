package org.hmem.task.associations;

/**
 * A batch of memorizing-associations samples (spec §6.1): L (vector, label) pairs per sample and one query.
 *
 * @param features (B, L, F) row-major
 * @param labels (B, L)
 * @param query (B, F)
 * @param answer (B) label of the queried vector
 */
public record AssociationsBatch(int batch, int sequenceLength, int featureSize, float[] features, int[] labels,
                                float[] query, int[] answer) {

    public AssociationsBatch {
        if (features.length != batch * sequenceLength * featureSize || labels.length != batch * sequenceLength
                || query.length != batch * featureSize || answer.length != batch) {
            throw new IllegalArgumentException("inconsistent associations batch arrays");
        }
    }
}
