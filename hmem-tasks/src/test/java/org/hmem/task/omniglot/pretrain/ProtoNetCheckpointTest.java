package org.hmem.task.omniglot.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.hmem.engine.conv.ProtoNet;
import org.hmem.engine.io.Safetensors;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtoNetCheckpointTest {

    @TempDir
    Path tmp;

    private static ProtoNet randomNet(boolean batchNorm) {
        ProtoNet net = new ProtoNet(batchNorm);
        SplittableRandom rng = new SplittableRandom(3);
        for (Parameter p : net.parameters()) {
            float[] d = p.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) rng.nextGaussian();
            }
        }
        return net;
    }

    @Test
    void roundTripIsBitExactAndTheFileDecidesAboutBatchNorm() {
        for (boolean bn : new boolean[] {false, true}) {
            ProtoNet net = randomNet(bn);
            Path file = tmp.resolve("net-" + bn + ".safetensors");
            ProtoNetCheckpoint.write(file, ProtoNetCheckpoint.stateDict(net), Map.of("epoch", "3"));
            ProtoNetCheckpoint.Loaded back = ProtoNetCheckpoint.read(file);
            assertEquals(bn, back.net().useBatchNorm());
            assertEquals(ProtoNetCheckpoint.FORMAT, back.metadata().get("format"));
            assertEquals("3", back.metadata().get("epoch"));
            for (int i = 0; i < net.parameters().size(); i++) {
                Parameter p = net.parameters().get(i);
                assertEquals(p.name(), back.net().parameters().get(i).name());
                assertArrayEquals(p.data(), back.net().parameters().get(i).data(), p.name());
            }
        }
    }

    @Test
    void stateDictIsACopyOfEveryParameterAndBuffer() {
        ProtoNet net = randomNet(true);
        Map<String, Tensor> state = ProtoNetCheckpoint.stateDict(net);
        assertEquals(4 * 6, state.size());
        float before = state.get("encoder.0.0.weight").data()[0];
        net.conv(0).weight().data()[0] += 1;
        assertEquals(before, state.get("encoder.0.0.weight").data()[0]);
    }

    @Test
    void batchNormIsRecognisedWithAndWithoutDataParallelPrefix() throws Exception {
        Tensor t = new Tensor(new int[] {1}, new float[1]);
        assertTrue(ProtoNetCheckpoint.hasBatchNorm(Map.of("encoder.2.1.running_mean", t)));
        assertTrue(ProtoNetCheckpoint.hasBatchNorm(Map.of("module.encoder.0.1.weight", t)));
        assertFalse(ProtoNetCheckpoint.hasBatchNorm(Map.of("encoder.0.0.weight", t)));
        assertFalse(ProtoNetCheckpoint.hasBatchNorm(Map.of("linear.1.weight", t)));

        // a DataParallel-style file (every key under module.) loads too
        ProtoNet net = randomNet(false);
        Map<String, Tensor> prefixed = new LinkedHashMap<>();
        ProtoNetCheckpoint.stateDict(net).forEach((k, v) -> prefixed.put("module." + k, v));
        Path file = tmp.resolve("module.safetensors");
        Safetensors.write(file, prefixed, Map.of());
        assertArrayEquals(net.conv(3).weight().data(), ProtoNetCheckpoint.read(file).net().conv(3).weight().data());
    }
}
