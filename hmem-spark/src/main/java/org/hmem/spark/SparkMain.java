package org.hmem.spark;

import java.util.ArrayList;
import java.util.List;

import org.hmem.cli.Main;

/**
 * Entry point of {@code spark-submit … hmem-spark.jar TASK [flags]}: the hmem command line, with the master that
 * spark-submit was given as {@code --spark} unless the flags name one.
 */
public final class SparkMain {

    private SparkMain() {
    }

    public static void main(String[] args) {
        System.exit(Main.execute(withMaster(args, System.getProperty("spark.master"))));
    }

    static String[] withMaster(String[] args, String master) {
        List<String> a = new ArrayList<>(List.of(args));
        boolean named = a.stream().anyMatch(s -> s.equals("--spark") || s.startsWith("--spark="));
        if (master != null && !master.isEmpty() && !named && !a.isEmpty()) {
            a.add("--spark");
            a.add(master);
        }
        return a.toArray(String[]::new);
    }
}
