package org.hmem.engine.plasticity;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD form of {@link InvertedOjaSoftBound}'s update and adjoint. The update performs per lane exactly the scalar
 * loop's float operations (bit-identical memories); the adjoint sums the pre-synaptic gradient with fused
 * multiply-adds in lanes (same value up to rounding). Rows need at least one full vector; a ragged row end is one
 * overlapping vector. Loaded only when SIMD is enabled.
 */
final class OjaLanes {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector: the shortest row these kernels take. */
    static final int LENGTH = S.length();
    /** Lane indices 0, 1, ... as floats, for lane masks. */
    private static final FloatVector IOTA;

    static {
        float[] iota = new float[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            iota[i] = i;
        }
        IOTA = FloatVector.fromArray(S, iota, 0);
    }

    private OjaLanes() {
    }

    /**
     * {@code M <- M + Delta} for the rows {@code j} with {@code pre[j] != 0}; a ragged row end is computed from the
     * row's old values before the main loop and stored after it.
     */
    static void update(float gp, float gn, float wm, float[] m, int mOff, float[] pre, int preOff, float[] post,
                       int postOff, int nPre, int nPost) {
        final FloatVector vGp = FloatVector.broadcast(S, gp), vWm = FloatVector.broadcast(S, wm);
        final int bound = S.loopBound(nPost);
        final int tailAt = nPost - LENGTH;
        for (int j = 0; j < nPre; j++) {
            float pj = pre[preOff + j];
            if (pj == 0f) {
                continue;
            }
            FloatVector vPj = FloatVector.broadcast(S, pj), vDecay = FloatVector.broadcast(S, gn * (pj * pj));
            int row = mOff + j * nPost;
            FloatVector tail = null;
            if (bound != nPost) {
                FloatVector w = FloatVector.fromArray(S, m, row + tailAt);
                FloatVector pi = FloatVector.fromArray(S, post, postOff + tailAt);
                tail = w.add(vGp.mul(vWm.sub(w)).mul(pi.mul(vPj)).sub(vDecay.mul(w)));
            }
            for (int i = 0; i < bound; i += LENGTH) {
                FloatVector w = FloatVector.fromArray(S, m, row + i);
                FloatVector pi = FloatVector.fromArray(S, post, postOff + i);
                w.add(vGp.mul(vWm.sub(w)).mul(pi.mul(vPj)).sub(vDecay.mul(w))).intoArray(m, row + i);
            }
            if (tail != null) {
                tail.intoArray(m, row + tailAt);
            }
        }
    }

    /**
     * Adjoint of {@link #update} (see {@link InvertedOjaSoftBound#backward}). Rows of keys without trace
     * ({@code pre[j] == 0}, skipped by the update) only contribute to {@code gPre}, read-only; the other rows are
     * processed in pairs so that {@code post} and {@code gPost} are loaded once per pair (an odd row out runs the
     * rule's scalar loop); the ragged end of a row is one overlapping vector whose already-covered lanes are masked
     * out. The pre-synaptic sums use fused multiply-adds.
     */
    static void backward(InvertedOjaSoftBound rule, float gp, float gn, float wm, float[] gm, int gOff, float[] mOld,
                         int mOff, float[] pre, int preOff, float[] post, int postOff, float[] gPre, int gPreOff,
                         float[] gPost, int gPostOff, int nPre, int nPost) {
        final FloatVector vGp = FloatVector.broadcast(S, gp), vWm = FloatVector.broadcast(S, wm);
        final FloatVector zero = FloatVector.zero(S);
        final int bound = S.loopBound(nPost);
        final boolean ragged = bound != nPost;
        final int tailAt = nPost - LENGTH;
        // lanes of the overlapping last vector that the main loop has not covered
        final VectorMask<Float> fresh = IOTA.compare(VectorOperators.GE, (float) (bound - tailAt));
        final VectorMask<Float> covered = IOTA.compare(VectorOperators.LT, (float) (bound - tailAt));
        final FloatVector piTail = FloatVector.fromArray(S, post, postOff + tailAt);
        int pending = -1;
        for (int jb = 0; jb < nPre; jb++) {
            float pb = pre[preOff + jb];
            if (pb == 0f) {
                // a key without trace: dL/dM and dL/dpost pass unchanged; dL/dpre = gp * sum_i g (w_max - w) post_i
                int row = mOff + jb * nPost, grow = gOff + jb * nPost;
                FloatVector acc = zero;
                if (ragged) {
                    FloatVector g = FloatVector.fromArray(S, gm, grow + tailAt).blend(zero, covered);
                    acc = g.mul(vWm.sub(FloatVector.fromArray(S, mOld, row + tailAt)).mul(piTail));
                }
                for (int i = 0; i < bound; i += LENGTH) {
                    FloatVector g = FloatVector.fromArray(S, gm, grow + i);
                    FloatVector w = FloatVector.fromArray(S, mOld, row + i);
                    acc = g.fma(vWm.sub(w).mul(FloatVector.fromArray(S, post, postOff + i)), acc);
                }
                gPre[gPreOff + jb] += gp * acc.reduceLanes(VectorOperators.ADD);
                continue;
            }
            if (pending < 0) {
                pending = jb;
                continue;
            }
            // a pair of keys with traces: rows pending and jb
            final int j = pending;
            pending = -1;
            float pa = pre[preOff + j];
            int rowA = mOff + j * nPost, rowB = mOff + jb * nPost;
            int gA = gOff + j * nPost, gB = gOff + jb * nPost;
            FloatVector vPa = FloatVector.broadcast(S, pa), vTwoA = FloatVector.broadcast(S, 2f * gn * pa);
            FloatVector vKeepA = FloatVector.broadcast(S, 1f - gn * (pa * pa));
            FloatVector vGpA = FloatVector.broadcast(S, gp * pa);
            FloatVector vPb = FloatVector.broadcast(S, pb), vTwoB = FloatVector.broadcast(S, 2f * gn * pb);
            FloatVector vKeepB = FloatVector.broadcast(S, 1f - gn * (pb * pb));
            FloatVector vGpB = FloatVector.broadcast(S, gp * pb);
            FloatVector accA = zero, accB = zero, tailGmA = zero, tailGmB = zero, tailGPost = zero;
            if (ragged) {
                // computed from the entries before the main loop overwrites the covered lanes
                FloatVector ga = FloatVector.fromArray(S, gm, gA + tailAt).blend(zero, covered);
                FloatVector wa = FloatVector.fromArray(S, mOld, rowA + tailAt);
                FloatVector gb = FloatVector.fromArray(S, gm, gB + tailAt).blend(zero, covered);
                FloatVector wb = FloatVector.fromArray(S, mOld, rowB + tailAt);
                FloatVector ba = vGp.mul(vWm.sub(wa)), bb = vGp.mul(vWm.sub(wb));
                accA = ga.mul(ba.mul(piTail).sub(vTwoA.mul(wa)));
                accB = gb.mul(bb.mul(piTail).sub(vTwoB.mul(wb)));
                tailGPost = ga.mul(ba).mul(vPa).add(gb.mul(bb).mul(vPb));
                tailGmA = ga.mul(vKeepA.sub(vGpA.mul(piTail)));
                tailGmB = gb.mul(vKeepB.sub(vGpB.mul(piTail)));
            }
            for (int i = 0; i < bound; i += LENGTH) {
                FloatVector pi = FloatVector.fromArray(S, post, postOff + i);
                FloatVector ga = FloatVector.fromArray(S, gm, gA + i);
                FloatVector wa = FloatVector.fromArray(S, mOld, rowA + i);
                FloatVector gb = FloatVector.fromArray(S, gm, gB + i);
                FloatVector wb = FloatVector.fromArray(S, mOld, rowB + i);
                FloatVector ba = vGp.mul(vWm.sub(wa)), bb = vGp.mul(vWm.sub(wb));
                accA = ga.fma(ba.mul(pi).sub(vTwoA.mul(wa)), accA);
                accB = gb.fma(bb.mul(pi).sub(vTwoB.mul(wb)), accB);
                FloatVector gPostV = FloatVector.fromArray(S, gPost, gPostOff + i);
                ga.mul(ba).fma(vPa, gb.mul(bb).fma(vPb, gPostV)).intoArray(gPost, gPostOff + i);
                ga.mul(vKeepA.sub(vGpA.mul(pi))).intoArray(gm, gA + i);
                gb.mul(vKeepB.sub(vGpB.mul(pi))).intoArray(gm, gB + i);
            }
            if (ragged) {
                FloatVector.fromArray(S, gm, gA + tailAt).blend(tailGmA, fresh).intoArray(gm, gA + tailAt);
                FloatVector.fromArray(S, gm, gB + tailAt).blend(tailGmB, fresh).intoArray(gm, gB + tailAt);
                FloatVector.fromArray(S, gPost, gPostOff + tailAt).add(tailGPost)
                        .intoArray(gPost, gPostOff + tailAt);
            }
            gPre[gPreOff + j] += accA.reduceLanes(VectorOperators.ADD);
            gPre[gPreOff + jb] += accB.reduceLanes(VectorOperators.ADD);
        }
        if (pending >= 0) {
            rule.backwardRows(pending, pending + 1, gm, gOff, mOld, mOff, pre, preOff, post, postOff, gPre, gPreOff,
                    gPost, gPostOff, nPost);
        }
    }
}
