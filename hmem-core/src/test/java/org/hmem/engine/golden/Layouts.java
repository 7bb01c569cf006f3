package org.hmem.engine.golden;

/** Conversions between the reference's tensor layouts and the engine's per-sample arrays. */
public final class Layouts {

    private Layouts() {
    }

    /** Slice b of a (B, rest...) reference tensor as floats. */
    public static float[] sample(GoldenCase.Ref ref, int b) {
        int per = ref.size() / ref.shape()[0];
        float[] out = new float[per];
        for (int i = 0; i < per; i++) {
            out[i] = (float) ref.values()[b * per + i];
        }
        return out;
    }

    /** Slice b of a (B, rest...) reference tensor as doubles. */
    public static double[] sampleD(GoldenCase.Ref ref, int b) {
        int per = ref.size() / ref.shape()[0];
        double[] out = new double[per];
        System.arraycopy(ref.values(), b * per, out, 0, per);
        return out;
    }

    /** Reference memory (post i, pre j) of sample b to the engine's key-major layout {@code [j * n + i]}. */
    public static float[] memoryToKeyMajor(GoldenCase.Ref ref, int b) {
        int nPost = ref.shape()[1], nPre = ref.shape()[2];
        float[] out = new float[nPost * nPre];
        int base = b * nPost * nPre;
        for (int i = 0; i < nPost; i++) {
            for (int j = 0; j < nPre; j++) {
                out[j * nPost + i] = (float) ref.values()[base + i * nPre + j];
            }
        }
        return out;
    }

    /** Engine key-major memory back to the reference (post, pre) layout. */
    public static float[] memoryFromKeyMajor(float[] m, int nPost, int nPre) {
        float[] out = new float[nPost * nPre];
        for (int i = 0; i < nPost; i++) {
            for (int j = 0; j < nPre; j++) {
                out[i * nPre + j] = m[j * nPost + i];
            }
        }
        return out;
    }
}
