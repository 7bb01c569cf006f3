package org.hmem.task.babi.data;

/**
 * The train and test file of one bAbI task, found by {@link BabiFiles#load}.
 *
 * @param task 1..20
 * @param tenK whether these are the 10k-question files ({@code en-10k}) or the 1k ones ({@code en})
 * @param location the directory or tarball both files came from
 */
public record BabiTaskFiles(int task, boolean tenK, String location, BabiFile train, BabiFile test) {

    public BabiFile file(BabiSplit split) {
        return split == BabiSplit.TRAIN ? train : test;
    }
}
