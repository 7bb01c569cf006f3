package org.hmem.engine.conv;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.hmem.engine.golden.GoldenCase;

/** Reads a tensor of a golden file's {@code debug} section, which {@link GoldenCase} does not expose. */
final class GoldenDebug {

    private GoldenDebug() {
    }

    static double[] read(GoldenCase c, String name) throws IOException {
        JsonObject root;
        try (Reader r = Files.newBufferedReader(c.file())) {
            root = JsonParser.parseReader(r).getAsJsonObject();
        }
        JsonArray v = root.getAsJsonObject("debug").getAsJsonObject(name).getAsJsonArray("values");
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).getAsDouble();
        }
        return out;
    }
}
