package org.hmem.engine.plasticity;

import org.hmem.engine.simd.Simd;

/**
 * "Inverted Oja with soft upper bound" (spec §2.2):
 * {@code Delta[i,j] = g+ (w_max - M[i,j]) post_i pre_j - g- pre_j^2 M[i,j]}.
 *
 * <p>Rows of keys with {@code pre_j = 0} are left untouched by the update (both terms vanish exactly), which skips
 * most of the work early in a sequence.
 *
 * <p>{@link #updateScalar} and {@link #backwardRows} are the definition; {@link OjaLanes} is their SIMD form, used
 * when SIMD is enabled and a row fills at least one vector (tested against the definition: the update bit for bit).
 */
public final class InvertedOjaSoftBound implements PlasticityRule {

    private final float wMax;
    private final float gammaPos;
    private final float gammaNeg;

    public InvertedOjaSoftBound(float wMax, float gammaPos, float gammaNeg) {
        this.wMax = wMax;
        this.gammaPos = gammaPos;
        this.gammaNeg = gammaNeg;
    }

    public float wMax() {
        return wMax;
    }

    public float gammaPos() {
        return gammaPos;
    }

    public float gammaNeg() {
        return gammaNeg;
    }

    @Override
    public void update(float[] m, int mOff, float[] pre, int preOff, float[] post, int postOff, int nPre, int nPost) {
        if (Simd.enabled() && nPost >= OjaLanes.LENGTH) {
            OjaLanes.update(gammaPos, gammaNeg, wMax, m, mOff, pre, preOff, post, postOff, nPre, nPost);
            return;
        }
        updateScalar(m, mOff, pre, preOff, post, postOff, nPre, nPost);
    }

    /** The definition of the update, which {@link OjaLanes#update} reproduces bit for bit. */
    void updateScalar(float[] m, int mOff, float[] pre, int preOff, float[] post, int postOff, int nPre, int nPost) {
        final float gp = gammaPos, gn = gammaNeg, wm = wMax;
        for (int j = 0; j < nPre; j++) {
            float pj = pre[preOff + j];
            if (pj == 0f) {
                continue;
            }
            float decayTerm = gn * (pj * pj);
            int row = mOff + j * nPost;
            for (int i = 0; i < nPost; i++) {
                float w = m[row + i];
                // same association as the reference: g+ * (w_max - W) * (post * pre) - g- * pre^2 * W
                m[row + i] = w + (gp * (wm - w) * (post[postOff + i] * pj) - decayTerm * w);
            }
        }
    }

    @Override
    public void backward(float[] gm, int gOff, float[] mOld, int mOff, float[] pre, int preOff, float[] post,
                         int postOff, float[] gPre, int gPreOff, float[] gPost, int gPostOff, int nPre, int nPost) {
        if (Simd.enabled() && nPost >= OjaLanes.LENGTH) {
            OjaLanes.backward(this, gammaPos, gammaNeg, wMax, gm, gOff, mOld, mOff, pre, preOff, post, postOff, gPre,
                    gPreOff, gPost, gPostOff, nPre, nPost);
            return;
        }
        backwardRows(0, nPre, gm, gOff, mOld, mOff, pre, preOff, post, postOff, gPre, gPreOff, gPost, gPostOff,
                nPost);
    }

    /** The definition of {@link #backward}, for the key rows {@code from <= j < to}. */
    void backwardRows(int from, int to, float[] gm, int gOff, float[] mOld, int mOff, float[] pre, int preOff,
                      float[] post, int postOff, float[] gPre, int gPreOff, float[] gPost, int gPostOff, int nPost) {
        final float gp = gammaPos, gn = gammaNeg, wm = wMax;
        for (int j = from; j < to; j++) {
            float pj = pre[preOff + j];
            int row = mOff + j * nPost;
            int grow = gOff + j * nPost;
            float twoGnPj = 2f * gn * pj;
            float keep = 1f - gn * (pj * pj);
            float gpPj = gp * pj;
            float accPre = 0f;
            for (int i = 0; i < nPost; i++) {
                float g = gm[grow + i];
                float w = mOld[row + i];
                float bound = gp * (wm - w);
                float pi = post[postOff + i];
                accPre += g * (bound * pi - twoGnPj * w);
                gPost[gPostOff + i] += g * bound * pj;
                gm[grow + i] = g * (keep - gpPj * pi);
            }
            gPre[gPreOff + j] += accPre;
        }
    }
}
