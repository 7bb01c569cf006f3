package org.hmem.task.babi.data;

import java.util.List;

/**
 * The official names of the 20 bAbI tasks (v1.2). The loader finds files by pattern and does not need the names;
 * they exist so that an error for a missing file can name the exact file the user has to supply.
 */
public final class BabiTaskNames {

    /** Number of tasks in the bAbI 1-20 set. */
    public static final int TASK_COUNT = 20;

    private static final List<String> NAMES = List.of(
            "single-supporting-fact", "two-supporting-facts", "three-supporting-facts", "two-arg-relations",
            "three-arg-relations", "yes-no-questions", "counting", "lists-sets", "simple-negation",
            "indefinite-knowledge", "basic-coreference", "conjunction", "compound-coreference", "time-reasoning",
            "basic-deduction", "basic-induction", "positional-reasoning", "size-reasoning", "path-finding",
            "agents-motivations");

    private BabiTaskNames() {
    }

    /** @throws IllegalArgumentException unless {@code 1 <= task <= 20} */
    public static void checkTask(int task) {
        if (task < 1 || task > TASK_COUNT) {
            throw new IllegalArgumentException("bAbI task must be 1.." + TASK_COUNT + ", got " + task);
        }
    }

    /** The official name of a task, e.g. {@code three-supporting-facts} for task 3. */
    public static String name(int task) {
        checkTask(task);
        return NAMES.get(task - 1);
    }

    /** The official file name, e.g. {@code qa3_three-supporting-facts_train.txt}. */
    public static String fileName(int task, BabiSplit split) {
        return "qa" + task + "_" + name(task) + "_" + split.fileSuffix() + ".txt";
    }

    /** The language folder of the official archive: {@code en-10k} (10 000 training questions) or {@code en} (1 000). */
    public static String languageFolder(boolean tenK) {
        return tenK ? "en-10k" : "en";
    }

    /**
     * Whether {@code fileName} matches {@code qa{task}_*_{split}.txt}. The underscore right after the number keeps
     * task 1 from matching the files of tasks 10..19.
     */
    public static boolean matches(String fileName, int task, BabiSplit split) {
        String prefix = "qa" + task + "_";
        String suffix = "_" + split.fileSuffix() + ".txt";
        return fileName.length() >= prefix.length() + suffix.length()
                && fileName.startsWith(prefix) && fileName.endsWith(suffix);
    }
}
