package org.hmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Enforces the package layering that the {@code package-info.java} files describe, by reading the main sources of
 * all three modules from disk (this module's tests run inside the repository, so they can see all of it).
 *
 * <p>A file's package is taken from its path under {@code src/main/java}. Its references are every qualified name
 * beginning with {@code org.hmem.} or {@code picocli.} in the code outside comments and string, text-block and char
 * literals: imports, static imports and fully qualified names written inline alike (a {@code {@link}} in a Javadoc
 * comment is not a dependency and is ignored; Unicode escapes are not decoded). Each reference must lie in the file's
 * own package or under one of the prefixes that {@link #RULES} allows for it. Every main package must also have a
 * {@code package-info.java} and a rule, so a new package has to be placed in the layering explicitly.
 */
class PackageDependenciesTest {

    private static final List<String> MODULES = List.of("hmem-core", "hmem-tasks", "hmem-cli", "hmem-spark");

    private static final String ENGINE = "org.hmem.engine";
    private static final String SIMD = ENGINE + ".simd";
    private static final String TENSOR = ENGINE + ".tensor";
    private static final String SURROGATE = ENGINE + ".surrogate";
    private static final String NEURON = ENGINE + ".neuron";
    private static final String PLASTICITY = ENGINE + ".plasticity";
    private static final String NN = ENGINE + ".nn";

    private static final String TASK = "org.hmem.task";
    private static final String FLAGS = TASK + ".flags";
    private static final String MODEL = TASK + ".model";
    private static final String TRAIN = TASK + ".train";
    private static final String PLOT = TASK + ".plot";
    private static final String ASSOCIATIONS = TASK + ".associations";
    private static final String BABI_DATA = TASK + ".babi.data";
    private static final String OMNIGLOT_DATA = TASK + ".omniglot.data";
    private static final String CROSS_MODAL = TASK + ".crossmodal";
    private static final String CROSS_MODAL_DATA = CROSS_MODAL + ".data";
    private static final String SAMPLING = TASK + ".sampling";
    private static final String DATA = TASK + ".data";
    private static final String RL = TASK + ".rl";
    private static final String CONCENTRATION = TASK + ".concentration";

    /**
     * Package (or package prefix; the longest matching one applies) to the prefixes its code may reference besides
     * its own package. Nothing but {@code org.hmem.cli} may use picocli, {@code org.hmem.cli} or {@code task.bench};
     * nothing in the engine may use the tasks.
     */
    static final Map<String, List<String>> RULES = Map.ofEntries(
            // the engine, bottom up
            Map.entry(SIMD, List.of()),
            Map.entry(TENSOR, List.of(SIMD)),
            Map.entry(SURROGATE, List.of(SIMD)),
            Map.entry(PLASTICITY, List.of(SIMD, TENSOR)),
            Map.entry(NEURON, List.of(SIMD, TENSOR, SURROGATE)),
            Map.entry(NN, List.of(SIMD, TENSOR, SURROGATE, NEURON, PLASTICITY)),
            Map.entry(ENGINE + ".conv", List.of(SIMD, TENSOR, SURROGATE, NEURON, NN, ENGINE + ".init",
                    ENGINE + ".parallel")),
            Map.entry(ENGINE + ".init", List.of(SIMD, TENSOR, NN)),
            Map.entry(ENGINE + ".optim", List.of(SIMD, TENSOR, NN)),
            Map.entry(ENGINE + ".loss", List.of(SIMD, TENSOR)),
            Map.entry(ENGINE + ".io", List.of(SIMD, TENSOR)),
            Map.entry(ENGINE + ".parallel", List.of(SIMD, TENSOR)),
            // the tasks' shared packages
            Map.entry(FLAGS, List.of(ENGINE)),
            Map.entry(MODEL, List.of(ENGINE, FLAGS)),
            Map.entry(TRAIN, List.of(ENGINE, FLAGS, TRAIN + ".log")),
            Map.entry(TRAIN + ".log", List.of(ENGINE)),
            Map.entry(TRAIN + ".shard", List.of(ENGINE, FLAGS, TRAIN)),
            Map.entry(PLOT, List.of(ENGINE)),
            Map.entry(BABI_DATA, List.of(ENGINE)),
            Map.entry(SAMPLING, List.of()),
            Map.entry(DATA, List.of(ENGINE)),
            Map.entry(RL, List.of(ENGINE, SAMPLING)),
            Map.entry(CONCENTRATION + ".env", List.of(ENGINE, SAMPLING)),
            Map.entry(OMNIGLOT_DATA, List.of(ENGINE, SAMPLING, DATA)),
            Map.entry(CROSS_MODAL_DATA, List.of(ENGINE, FLAGS, SAMPLING, DATA)),
            // the tasks, which do not use each other, and the benchmarks of three of them
            Map.entry(ASSOCIATIONS, List.of(ENGINE, FLAGS, MODEL, TRAIN, PLOT)),
            Map.entry(TASK + ".babi", List.of(ENGINE, FLAGS, MODEL, TRAIN, PLOT, BABI_DATA)),
            Map.entry(TASK + ".omniglot", List.of(ENGINE, FLAGS, MODEL, TRAIN, PLOT, OMNIGLOT_DATA)),
            Map.entry(TASK + ".omniglot.pretrain", List.of(ENGINE, FLAGS, TRAIN, OMNIGLOT_DATA, TASK + ".omniglot")),
            Map.entry(CROSS_MODAL, List.of(ENGINE, FLAGS, MODEL, TRAIN, PLOT, CROSS_MODAL_DATA)),
            Map.entry(CONCENTRATION, List.of(ENGINE, FLAGS, MODEL, TRAIN, PLOT, RL, CONCENTRATION + ".env")),
            Map.entry(CROSS_MODAL + ".pretrain", List.of(ENGINE, FLAGS, MODEL, TRAIN, CROSS_MODAL)),
            Map.entry(TASK + ".bench", List.of(ENGINE, FLAGS, MODEL, TRAIN, ASSOCIATIONS, TASK + ".omniglot",
                    CROSS_MODAL)),
            // the command line, and its entry point and transport for Spark clusters
            Map.entry("org.hmem.cli", List.of(ENGINE, TASK, "picocli")),
            Map.entry("org.hmem.spark", List.of(ENGINE, TASK, "org.hmem.cli")));

    /** A qualified name starting with {@code org.hmem.} or {@code picocli.}, not itself part of a longer name. */
    private static final Pattern REFERENCE =
            Pattern.compile("(?<![\\w$.])(?:org\\.hmem|picocli)(?:\\.[A-Za-z_$][\\w$]*)+");

    @Test
    void mainSourcesFollowTheLayering() throws IOException {
        Path root = repositoryRoot();
        List<String> problems = new ArrayList<>();
        TreeSet<Path> packageDirs = new TreeSet<>();
        for (String module : MODULES) {
            Path sources = root.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(sources), () -> "no sources at " + sources);
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    packageDirs.add(file.getParent());
                    String pkg = sources.relativize(file.getParent()).toString().replace(File.separatorChar, '.');
                    String code = codeOnly(Files.readString(file));
                    Matcher m = REFERENCE.matcher(code);
                    while (m.find()) {
                        if (!allowed(pkg, m.group())) {
                            int line = 1 + (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                            problems.add(root.relativize(file) + ":" + line + ": " + pkg + " must not use "
                                    + m.group());
                        }
                    }
                }
            }
        }
        for (Path dir : packageDirs) {
            if (!Files.isRegularFile(dir.resolve("package-info.java"))) {
                problems.add(root.relativize(dir) + ": no package-info.java");
            }
        }
        assertTrue(problems.isEmpty(),
                () -> problems.size() + " layering problem(s):\n  " + String.join("\n  ", problems));
    }

    @Test
    void forbiddenReferencesAreReported() {
        assertFalse(allowed(NN, "org.hmem.task.flags.UserError"), "engine must not use a task");
        assertFalse(allowed(TRAIN, "picocli.CommandLine"), "picocli only in the command line");
        assertFalse(allowed(FLAGS, "org.hmem.task.train.TrainingFlags"), "flags are below train");
        assertFalse(allowed(ASSOCIATIONS, "org.hmem.task.babi.BabiTask"), "tasks must not use each other");
        assertFalse(allowed(TENSOR, "org.hmem.engine.nn.Parameter"), "tensor is below nn");
        assertFalse(allowed("org.hmem.unplaced", "org.hmem.engine.tensor.Tensor"), "a package without a rule");
        assertTrue(allowed(NN, "org.hmem.engine.neuron.Population"));
        assertTrue(allowed(NN, "org.hmem.engine.nn.Parameter"));
        assertTrue(allowed(FLAGS, "org.hmem.task.flags.UserError"));
        assertTrue(allowed(TASK + ".babi", "org.hmem.task.babi.data.BabiTaskData"));
        assertTrue(allowed("org.hmem.cli", "picocli.CommandLine.Option"));
    }

    @Test
    void referencesInCommentsAndLiteralsAreNotCode() {
        String source = """
                import org.hmem.a.B; // org.hmem.c.D
                /* org.hmem.e.F */ String s = "org.hmem.g.H \\" org.hmem.i.J"; char q = '"';
                var x = org.hmem.k.L.of(); String t = \"""
                    org.hmem.m.N
                    \""";
                """;
        Matcher m = REFERENCE.matcher(codeOnly(source));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        assertEquals(List.of("org.hmem.a.B", "org.hmem.k.L.of"), found);
    }

    /**
     * Whether code in package {@code pkg} may use the qualified name {@code reference}: it is in {@code pkg} itself,
     * or at or below a prefix that the most specific rule for {@code pkg} allows.
     */
    static boolean allowed(String pkg, String reference) {
        if (packageOf(reference).equals(pkg)) {
            return true;
        }
        return RULES.keySet().stream()
                .filter(key -> isAtOrBelow(pkg, key))
                .max(Comparator.comparingInt(String::length))
                .map(RULES::get)
                .orElse(List.of())
                .stream()
                .anyMatch(prefix -> isAtOrBelow(reference, prefix));
    }

    private static boolean isAtOrBelow(String name, String prefix) {
        return name.equals(prefix) || name.startsWith(prefix + ".");
    }

    /** The package part of a qualified name: its segments before the first one that starts with a capital. */
    private static String packageOf(String name) {
        String[] parts = name.split("\\.");
        int n = 0;
        while (n < parts.length && !Character.isUpperCase(parts[n].charAt(0))) {
            n++;
        }
        return String.join(".", List.of(parts).subList(0, n));
    }

    /** The source with comments and string, text-block and char literals blanked out; line breaks are kept. */
    static String codeOnly(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        while (i < src.length()) {
            int at = i;
            String open = Stream.of("//", "/*", "\"\"\"", "\"", "'").filter(o -> src.startsWith(o, at))
                    .findFirst().orElse(null);
            if (open == null) {
                out.append(src.charAt(i++));
                continue;
            }
            String close = switch (open) {
                case "//" -> "\n";
                case "/*" -> "*/";
                default -> open;
            };
            boolean literal = !open.startsWith("/");
            int j = i + open.length();
            while (j < src.length() && !src.startsWith(close, j)) {
                j += literal && src.charAt(j) == '\\' ? 2 : 1;
            }
            int end = Math.min(src.length(), j + close.length());
            for (; i < end; i++) {
                out.append(src.charAt(i) == '\n' ? '\n' : ' ');
            }
        }
        return out.toString();
    }

    /** The first folder at or above the working directory (a module folder under surefire) holding hmem-core. */
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        return Stream.iterate(start, p -> p != null, Path::getParent)
                .filter(p -> Files.isDirectory(p.resolve("hmem-core")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no hmem-core at or above " + start));
    }
}
