package org.hmem.engine.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.hmem.engine.loss.PrototypicalLoss;

/**
 * Golden check of kind {@code prototypical_loss} (spec §2.4): loss, accuracy and {@code dloss/dembeddings} of the
 * reference's {@code prototypical_loss} on fixed embeddings.
 *
 * <p>The accuracy is compared with {@code checks.acc_intended} where the file has it: hmem reports the per-query
 * accuracy, while the reference's is always 1/C with one query per class (a bug the file documents). The
 * reference's own value {@code outputs.acc} is compared with {@link PrototypicalLoss.Result#referenceAccuracy()}.
 */
public final class PrototypicalLossGolden {

    public static final String KIND = "prototypical_loss";

    private PrototypicalLossGolden() {
    }

    public static void check(GoldenCase c) throws IOException {
        assertEquals(KIND, c.kind(), c.name());
        GoldenCase.Ref emb = c.input("embeddings");
        int n = emb.shape()[0];
        int d = emb.shape()[1];
        assertEquals(c.configInt("embedding_dim"), d, "embedding_dim");
        int[] target = c.input("target").ints();
        float[] x = emb.floats();
        float[] grad = new float[n * d];
        PrototypicalLoss.Result r = PrototypicalLoss.lossAndGradient(x, d, target, c.configInt("num_support"), grad);
        assertEquals(c.configInt("num_classes"), r.numClasses(), "classes");
        assertEquals(c.configInt("num_query"), r.queriesPerClass(), "queries per class");
        int[] classes = debugInts(c, "classes");
        if (classes != null) {
            assertArrayEquals(classes, r.classes(), "sorted classes");
        }
        Compare.close("loss", c.loss("loss"), r.loss(), Compare.FORWARD);
        Compare.close("outputs.loss", c.output("loss").values()[0], r.loss(), Compare.FORWARD);
        JsonObject checks = c.checks();
        double intended = checks != null && checks.has("acc_intended") ? checks.get("acc_intended").getAsDouble()
                : c.output("acc").values()[0];
        assertEquals(intended, r.accuracy(), 1e-6, "accuracy (intended, per query; outputs.acc is float32)");
        assertEquals(c.output("acc").values()[0], r.referenceAccuracy(), 1e-12, "accuracy as the reference reports");
        Compare.close("d loss / d embeddings", c.grads("loss").get("embeddings").values(), grad, grad.length,
                Compare.GRADIENT);
    }

    /** An integer tensor of the file's {@code debug} section (which {@link GoldenCase} does not expose), or null. */
    private static int[] debugInts(GoldenCase c, String name) throws IOException {
        JsonObject root;
        try (Reader r = Files.newBufferedReader(c.file())) {
            root = JsonParser.parseReader(r).getAsJsonObject();
        }
        JsonObject debug = root.getAsJsonObject("debug");
        if (debug == null || !debug.has(name)) {
            return null;
        }
        JsonArray v = debug.getAsJsonObject(name).getAsJsonArray("values");
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).getAsInt();
        }
        return out;
    }
}
