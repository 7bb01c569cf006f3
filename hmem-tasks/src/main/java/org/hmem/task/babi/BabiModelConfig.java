package org.hmem.task.babi;

import org.hmem.task.model.HebbianParams;
import org.hmem.task.model.NeuronParams;

/**
 * Hyper-parameters that define a question-answering model (spec §4.7, §8.7). {@code vocabularySize} V counts the
 * output classes (words incl. NIL), {@code numEmbeddings} V' adds the time words, {@code sentenceSize} W_s is the
 * encoding's number of rows.
 */
public record BabiModelConfig(int vocabularySize, int numEmbeddings, int sentenceSize, int embeddingSize,
                              int memorySize, int sentenceDuration, int readoutDelay, boolean learnEncoding,
                              boolean maskTimeWords, HebbianParams hebbian, NeuronParams neuron) {
}
