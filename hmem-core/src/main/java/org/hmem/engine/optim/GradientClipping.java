package org.hmem.engine.optim;

import java.util.List;

import org.hmem.engine.nn.Parameter;

/** Global L2-norm clipping of all gradients, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** L2 norm of all trainable parameters' gradients together. */
    public static double totalNorm(List<Parameter> params) {
        double sum = 0;
        for (Parameter p : params) {
            if (!p.trainable()) {
                continue;
            }
            for (float g : p.grad()) {
                sum += (double) g * g;
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Scales all gradients by {@code maxNorm / (total + 1e-6)} when that factor is below one. A {@code maxNorm <= 0}
     * means no clipping (our choice for every task, spec §13.3 item 31). Returns the norm before clipping.
     */
    public static double clip(List<Parameter> params, double maxNorm) {
        double total = totalNorm(params);
        if (maxNorm <= 0) {
            return total;
        }
        double coef = maxNorm / (total + 1e-6);
        if (coef < 1) {
            float c = (float) coef;
            for (Parameter p : params) {
                if (!p.trainable()) {
                    continue;
                }
                float[] g = p.grad();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= c;
                }
            }
        }
        return total;
    }
}
