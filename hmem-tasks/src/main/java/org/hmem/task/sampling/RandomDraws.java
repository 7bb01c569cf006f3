package org.hmem.task.sampling;

import java.util.SplittableRandom;

/** Uniform draws without replacement that the samplers share (Omniglot's and the cross-modal task's). */
public final class RandomDraws {

    private RandomDraws() {
    }

    /**
     * Writes {@code k} distinct values of {@code 0 .. n-1} to {@code out[off ..]}, in uniformly random order: the
     * first {@code k} entries of a uniform random permutation, as the reference's {@code randperm(n)[:k]}. Small
     * {@code k} are drawn by rejection (no {@code n}-sized array per draw), large ones by a partial Fisher-Yates
     * shuffle.
     */
    public static void distinct(SplittableRandom rng, int n, int k, int[] out, int off) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot draw " + k + " distinct values of " + n);
        }
        if (2 * k <= n) {
            for (int i = 0; i < k; i++) {
                int v;
                do {
                    v = rng.nextInt(n);
                } while (contains(out, off, i, v));
                out[off + i] = v;
            }
            return;
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        System.arraycopy(perm, 0, out, off, k);
    }

    /** Shuffles {@code a} and {@code b} with the same uniform random permutation. */
    public static void shuffleTogether(SplittableRandom rng, int[] a, int[] b) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            swap(a, i, j);
            swap(b, i, j);
        }
    }

    private static boolean contains(int[] a, int off, int count, int v) {
        for (int i = 0; i < count; i++) {
            if (a[off + i] == v) {
                return true;
            }
        }
        return false;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
