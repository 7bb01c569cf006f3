package org.hmem.task.crossmodal.data;

/** The two splits of both data sets: FSDD's by recording index (spec §6.3), MNIST's official files. */
public enum CrossModalSplit {
    TRAIN("train", "train"),
    TEST("test", "t10k");

    /**
     * FSDD recordings with index below this are the test split: the reference's {@code index + 1 <= int(50 * 0.1)},
     * i.e. indices 0..4 of every speaker and digit (300 of 3000 files).
     */
    public static final int FSDD_TEST_RECORDINGS = 5;

    private final String id;
    private final String mnistPrefix;

    CrossModalSplit(String id, String mnistPrefix) {
        this.id = id;
        this.mnistPrefix = mnistPrefix;
    }

    /** {@code train} or {@code test}, for file names and logs. */
    public String id() {
        return id;
    }

    /** The prefix of this split's MNIST idx files ({@code train} or {@code t10k}). */
    public String mnistPrefix() {
        return mnistPrefix;
    }

    /** The split of the FSDD recording with this index. */
    public static CrossModalSplit ofRecording(int index) {
        return index < FSDD_TEST_RECORDINGS ? TEST : TRAIN;
    }
}
