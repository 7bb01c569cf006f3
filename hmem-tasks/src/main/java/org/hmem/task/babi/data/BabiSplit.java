package org.hmem.task.babi.data;

/** The two files of a bAbI task; {@link #fileSuffix()} is the part of the file name before {@code .txt}. */
public enum BabiSplit {
    TRAIN("train"),
    TEST("test");

    private final String fileSuffix;

    BabiSplit(String fileSuffix) {
        this.fileSuffix = fileSuffix;
    }

    public String fileSuffix() {
        return fileSuffix;
    }
}
