package org.hmem.task.babi;

/**
 * Hyper-parameters that define a question-answering model (spec §4.7, §8.7). {@code vocabularySize} V counts the
 * output classes (words incl. NIL), {@code numEmbeddings} V' adds the time words, {@code sentenceSize} W_s is the
 * encoding's number of rows.
 */
public record BabiModelConfig(int vocabularySize, int numEmbeddings, int sentenceSize, int embeddingSize,
                            int memorySize, int sentenceDuration, int readoutDelay, boolean learnEncoding,
                            boolean maskTimeWords, float wMax, float gammaPos, float gammaNeg, float tauTrace,
                            float thr, boolean perfectReset, int refractorySteps, float tauMem, float dampening) {
}
