package org.hmem.engine.simd;

/**
 * Whether the hot loops use explicit SIMD kernels ({@link VectorKernels}, built on the incubating
 * {@code jdk.incubator.vector} API of Java 17) or their plain scalar versions.
 *
 * <p>SIMD is on when the JVM was started with {@code --add-modules jdk.incubator.vector} and the system property
 * {@code hmem.simd} is not {@code false}. Without the module the engine runs the scalar loops, with identical
 * forward results (spikes, potentials, memories: the SIMD kernels perform the same float operations in the same
 * order per element) and gradients that differ only by the summation order of dot products.
 *
 * <p>The flag is a constant for the JIT, so the untaken path costs nothing.
 */
public final class Simd {

    private static final boolean ENABLED = detect();

    private Simd() {
    }

    /** True when the SIMD kernels are in use. */
    public static boolean enabled() {
        return ENABLED;
    }

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty("hmem.simd", "true"))) {
            return false;
        }
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** One line describing the kernels in use, for logs and benchmark reports. */
    public static String describe() {
        return ENABLED ? "SIMD (" + VectorKernels.describe() + ")" : "scalar (start the JVM with --add-modules "
                + "jdk.incubator.vector for SIMD)";
    }
}
