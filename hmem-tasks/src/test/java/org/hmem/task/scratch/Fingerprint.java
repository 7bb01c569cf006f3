package org.hmem.task.scratch;

import java.io.*;
import java.util.*;

import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.task.associations.*;

/** Scratch: dumps forward records and gradients of a few samples; compares two dumps. */
public class Fingerprint {
    public static void main(String[] a) throws Exception {
        if (a[0].equals("dump")) dump(a[1], Integer.parseInt(a[2]));
        else compare(a[1], a[2]);
    }
    static void dump(String file, int pairs) throws Exception {
        SpikingAssociationsModel model = new SpikingAssociationsModel(AssociationsModelConfig.spikingDefaults(), 0);
        model.initialize(new SplittableRandom(5));
        AssociationsBatch batch = new AssociationsData(pairs, 10, 10).sample(4, new SplittableRandom(6));
        var ws = model.newWorkspace();
        Gradients g = new Gradients(model.parameters());
        SplittableRandom r = new SplittableRandom(7);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(file)))) {
            for (int b = 0; b < 4; b++) {
                model.forward(batch, b, ws);
                List<float[]> fwd = List.of(ws.featuresEncoding().spikes(), ws.labelsEncoding().spikes(),
                        ws.queryEncoding().spikes(), ws.writing().keys().spikes(), ws.writing().values().spikes(),
                        ws.writing().keys().membrane(), ws.writing().values().surrogate(), ws.writing().memory(),
                        ws.reading().keys().spikes(), ws.reading().values().spikes(), model.logits(ws));
                for (float[] f : fwd) write(out, f, 0);
                float[][] ag = new float[7][];
                int[] n = {80, 80, 80, 100, 100, 100, 100};
                for (int k = 0; k < 7; k++) { ag[k] = new float[n[k]]; for (int i = 0; i < n[k]; i++) ag[k][i] = (float) (r.nextDouble() - 0.5) * 1e-3f; }
                float[] gl = new float[10]; for (int i = 0; i < 10; i++) gl[i] = (float) (r.nextDouble() - 0.5);
                model.backward(batch, b, ws, gl, ag, g);
                write(out, ws.featuresGradient(), 1);
            }
            for (Parameter p : model.parameters()) { float[] gg = g.of(p); if (gg != null) write(out, gg, 1); }
        }
    }
    static void write(DataOutputStream out, float[] f, int kind) throws IOException {
        out.writeInt(kind); out.writeInt(f.length); for (float x : f) out.writeFloat(x);
    }
    static void compare(String f1, String f2) throws Exception {
        try (DataInputStream a = new DataInputStream(new BufferedInputStream(new FileInputStream(f1)));
             DataInputStream b = new DataInputStream(new BufferedInputStream(new FileInputStream(f2)))) {
            int idx = 0; double worstGrad = 0; boolean exact = true;
            while (a.available() > 0) {
                int ka = a.readInt(), la = a.readInt(), kb = b.readInt(), lb = b.readInt();
                if (la != lb) throw new IllegalStateException("length " + idx);
                float[] x = new float[la], y = new float[la];
                for (int i = 0; i < la; i++) { x[i] = a.readFloat(); y[i] = b.readFloat(); }
                if (ka == 0) {
                    // forward record: compare the common prefix that was written (records may be longer than used)
                    int diff = 0; for (int i = 0; i < la; i++) if (Float.floatToIntBits(x[i]) != Float.floatToIntBits(y[i])) diff++;
                    if (diff > 0) { exact = false; System.out.println("forward tensor " + idx + ": " + diff + " of " + la + " differ"); }
                } else {
                    double max = 0, err = 0; for (int i = 0; i < la; i++) { max = Math.max(max, Math.abs(x[i])); err = Math.max(err, Math.abs(x[i] - y[i])); }
                    double rel = max == 0 ? err : err / max; worstGrad = Math.max(worstGrad, rel);
                    if (rel > 1e-5) System.out.println("grad tensor " + idx + ": rel err " + rel);
                }
                idx++;
            }
            System.out.println("forward bit-exact: " + exact + ", worst gradient rel err " + worstGrad);
        }
    }
}
