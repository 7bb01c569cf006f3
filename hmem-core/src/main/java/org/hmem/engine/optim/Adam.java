package org.hmem.engine.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.hmem.engine.nn.Parameter;
import org.hmem.engine.tensor.Tensor;

/**
 * Adam with PyTorch 1.7 semantics (no weight decay, no amsgrad):
 * {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code p -= (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}.
 * Frozen parameters get no state and are never changed, as parameters without {@code .grad} in PyTorch.
 */
public final class Adam implements Optimizer {

    private final List<Parameter> params;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private double lr;
    private final Map<Parameter, float[]> expAvg = new LinkedHashMap<>();
    private final Map<Parameter, float[]> expAvgSq = new LinkedHashMap<>();
    private long step;

    public Adam(List<Parameter> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8);
    }

    public Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps) {
        this.params = List.copyOf(params);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        for (Parameter p : params) {
            if (p.trainable()) {
                expAvg.put(p, new float[p.size()]);
                expAvgSq.put(p, new float[p.size()]);
            }
        }
    }

    public long stepCount() {
        return step;
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double lr) {
        this.lr = lr;
    }

    @Override
    public void step() {
        step++;
        // PyTorch passes 1 - beta as a double scalar rounded once to float32, not as 1f - (float) beta
        float b1 = (float) beta1, b2 = (float) beta2, c1 = (float) (1 - beta1), c2 = (float) (1 - beta2);
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr / bc1);
        float sqrtBc2 = (float) Math.sqrt(bc2);
        float e = (float) eps;
        for (Map.Entry<Parameter, float[]> en : expAvg.entrySet()) {
            Parameter p = en.getKey();
            float[] m = en.getValue();
            float[] v = expAvgSq.get(p);
            float[] g = p.grad();
            float[] d = p.data();
            for (int i = 0; i < d.length; i++) {
                float gi = g[i];
                m[i] = m[i] * b1 + c1 * gi;
                v[i] = v[i] * b2 + c2 * gi * gi;
                float denom = (float) Math.sqrt(v[i]) / sqrtBc2 + e;
                d[i] -= stepSize * (m[i] / denom);
            }
        }
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put("step", Tensor.scalar(step));
        for (Parameter p : expAvg.keySet()) {
            s.put(p.name() + ".exp_avg", new Tensor(p.shape(), expAvg.get(p).clone()));
            s.put(p.name() + ".exp_avg_sq", new Tensor(p.shape(), expAvgSq.get(p).clone()));
        }
        return s;
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
        Set<String> expected = new TreeSet<>(stateDict().keySet());
        Set<String> given = new TreeSet<>(state.keySet());
        if (!expected.equals(given)) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(given);
            Set<String> unexpected = new TreeSet<>(given);
            unexpected.removeAll(expected);
            throw new IllegalArgumentException("optimizer state does not match the model: missing " + missing
                    + ", unexpected " + unexpected);
        }
        step = (long) state.get("step").data()[0];
        for (Parameter p : expAvg.keySet()) {
            copy(state.get(p.name() + ".exp_avg"), expAvg.get(p), p.name());
            copy(state.get(p.name() + ".exp_avg_sq"), expAvgSq.get(p), p.name());
        }
    }

    private static void copy(Tensor t, float[] dst, String name) {
        if (t.data().length != dst.length) {
            throw new IllegalArgumentException("optimizer state for " + name + " has " + t.data().length
                    + " values, expected " + dst.length);
        }
        System.arraycopy(t.data(), 0, dst, 0, dst.length);
    }

    @Override
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (Parameter p : params) {
            names.add(p.name());
        }
        return names;
    }
}
