package org.hmem.task.golden;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hmem.engine.golden.GoldenCase;
import org.hmem.engine.golden.GoldenFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * Proof that the Concentration environment's golden check (run by the suite) can fail: copies of the file with one
 * observation value or one grid cell changed are rejected.
 */
class ConcentrationEnvGoldenTest {

    static Path file() {
        return GoldenFiles.directory().resolve("rl").resolve("concentration_env_4cells.json");
    }

    @Test
    void aChangedObservationValueFailsTheCheck(@TempDir Path dir) throws Exception {
        JsonObject root = read();
        JsonArray values = root.getAsJsonObject("outputs").getAsJsonObject("observations").getAsJsonArray("values");
        // step 1's first image value (26 per observation, the image from 16): 0.9598331145422208 in the original
        int index = 26 + 16;
        values.set(index, new JsonPrimitive(values.get(index).getAsDouble() + 1e-5));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ConcentrationEnvGolden.check(write(root, dir)));
        assertTrue(e.getMessage().startsWith("step 0 (action 0) observation"), e.getMessage());
    }

    @Test
    void aChangedGridFailsTheCheck(@TempDir Path dir) throws Exception {
        JsonObject root = read();
        root.getAsJsonObject("outputs_strings").getAsJsonArray("info_grid").get(4).getAsJsonArray()
                .set(2, new JsonPrimitive("-0-"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ConcentrationEnvGolden.check(write(root, dir)));
        assertTrue(e.getMessage().startsWith("step 4 (action 2) info grid"), e.getMessage());
    }

    private static JsonObject read() throws Exception {
        try (Reader r = Files.newBufferedReader(file())) {
            return JsonParser.parseReader(r).getAsJsonObject();
        }
    }

    private static GoldenCase write(JsonObject root, Path dir) throws Exception {
        Path copy = dir.resolve("concentration_env_changed.json");
        try (Writer w = Files.newBufferedWriter(copy)) {
            w.write(root.toString());
        }
        return GoldenCase.load(copy);
    }
}
