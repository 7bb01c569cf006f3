package org.hmem.task.concentration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;

class ConcentrationBenchTest {

    @Test
    void jsonLineCarriesTheMeansTheRoundsAndTheReference() {
        ConcentrationBench.Result r = new ConcentrationBench.Result("spiking", 2, 2759.4321, 4.28, 141.0,
                new double[] {0.2321, 0.25}, new double[] {4.3, 4.26});
        JsonObject o = JsonParser.parseString(r.toJson(383.5)).getAsJsonObject();
        assertEquals("concentration", o.get("measurement").getAsString());
        assertEquals("spiking", o.get("model").getAsString());
        assertEquals(2, o.get("threads").getAsInt());
        assertEquals(2, o.get("rounds").getAsInt());
        assertEquals(2759.432, o.get("acting_env_steps_per_s").getAsDouble());
        assertEquals(4.28, o.get("update_s").getAsDouble());
        assertEquals(141.0, o.get("training_env_steps_per_s").getAsDouble());
        assertEquals(0.232, o.getAsJsonArray("rollout_s_per_round").get(0).getAsDouble());
        assertEquals(4.26, o.getAsJsonArray("update_s_per_round").get(1).getAsDouble());
        assertEquals(383.5, o.get("peak_rss_mb").getAsDouble());
        assertEquals(400.0, o.get("reference_acting_env_steps_per_s").getAsDouble());
        assertEquals(94.0, o.get("reference_update_s").getAsDouble());
    }
}
