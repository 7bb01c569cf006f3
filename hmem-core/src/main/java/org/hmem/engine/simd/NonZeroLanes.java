package org.hmem.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lists the non-zero entries of a float array a vector at a time, without a branch per entry: the vector's non-zero
 * lanes become a bit pattern (the OR of their lane bits), and each byte of the pattern selects a precomputed list of
 * up to eight lane indices, written as one eight-int vector; the count advances by the byte's population. A test per
 * entry mispredicts its branch at about every non-zero entry, which made the scan of the spiking CNN's current
 * gradients (about a third non-zero) cost a seventh of cross-modal training (docs/BENCHMARKS.md). The sparse
 * projections list their inputs with it too. Vectors of 8 or 16 floats use the byte lists; other widths test the
 * entries between a vector's first and last non-zero lane. The lists are those of the scalar loop. Loaded only when
 * SIMD is enabled.
 */
public final class NonZeroLanes {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> BITS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> EIGHT = IntVector.SPECIES_256;
    private static final int L = S.length();
    /** Whether the byte lists apply: 8 or 16 float lanes, whose masks the int vectors of the same width carry. */
    private static final boolean BYTE_LISTS = (L == 8 || L == 16) && BITS.length() == L;
    /** Lane i holds 1 << i. */
    private static final IntVector LANE_BITS = IntVector.fromArray(BITS, laneBits(), 0);
    /** For each byte value b: the indices of its set bits, ascending, padded to eight entries. */
    private static final int[] LISTS = new int[256 * 8];
    /** For each byte value: its number of set bits. */
    private static final int[] COUNTS = new int[256];

    static {
        for (int b = 0; b < 256; b++) {
            int c = 0;
            for (int i = 0; i < 8; i++) {
                if ((b & (1 << i)) != 0) {
                    LISTS[b * 8 + c++] = i;
                }
            }
            COUNTS[b] = c;
        }
    }

    private NonZeroLanes() {
    }

    private static int[] laneBits() {
        int[] bits = new int[BITS.length()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = 1 << i;
        }
        return bits;
    }

    /**
     * Writes the indices {@code k < n} with {@code x[xOff + k] != 0} into {@code idx} from {@code count} on, in
     * increasing order, and returns the new count. Entries of {@code idx} past the returned count may be overwritten
     * (a vector's list is written whole), never past the array's end.
     */
    public static int append(float[] x, int xOff, int n, int[] idx, int count) {
        int bound = S.loopBound(n);
        int k = 0;
        final IntVector zero = IntVector.zero(BITS), magnitude = IntVector.broadcast(BITS, 0x7fffffff);
        final FloatVector zeroF = FloatVector.zero(S);
        for (; k < bound; k += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + k);
            if (BYTE_LISTS && count + L <= idx.length) {
                // the sign bit cleared, so that -0 counts as zero, as in x != 0
                VectorMask<Integer> nonZero = v.reinterpretAsInts().and(magnitude).compare(VectorOperators.NE, zero);
                if (!nonZero.anyTrue()) {
                    continue;
                }
                int bits = zero.blend(LANE_BITS, nonZero).reduceLanes(VectorOperators.OR);
                for (int part = 0; part < L; part += 8) {
                    int b = (bits >>> part) & 255;
                    IntVector.fromArray(EIGHT, LISTS, b * 8).add(k + part).intoArray(idx, count);
                    count += COUNTS[b];
                }
                continue;
            }
            VectorMask<Float> nonZero = v.compare(VectorOperators.NE, zeroF);
            if (!nonZero.anyTrue()) {
                continue;
            }
            // only the lanes from the first to the last non-zero one are tested; a lone one is not tested at all
            int first = k + nonZero.firstTrue(), last = k + nonZero.lastTrue();
            if (first == last) {
                idx[count++] = first;
                continue;
            }
            for (int j = first; j <= last; j++) {
                if (x[xOff + j] != 0f) {
                    idx[count++] = j;
                }
            }
        }
        for (; k < n; k++) {
            if (x[xOff + k] != 0f) {
                idx[count++] = k;
            }
        }
        return count;
    }
}
