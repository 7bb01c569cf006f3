package org.hmem.task.omniglot.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.hmem.engine.conv.BatchNorm2d;
import org.hmem.engine.conv.ProtoNet;
import org.hmem.engine.nn.Parameter;
import org.junit.jupiter.api.Test;

/** The initial network: PyTorch's default Conv2d initialisation, which the reference keeps. */
class ProtoNetPretrainingTest {

    @Test
    void convolutionsAreUniformWithinOneOverRootFanIn() {
        ProtoNet net = ProtoNetPretraining.newNetwork(true, 7);
        for (int i = 0; i < ProtoNet.BLOCKS; i++) {
            Parameter w = net.conv(i).weight();
            double bound = 1 / Math.sqrt(9.0 * (i == 0 ? 1 : 64));
            double max = 0;
            double sum = 0;
            for (float x : w.data()) {
                max = Math.max(max, Math.abs(x));
                sum += x;
            }
            assertTrue(max <= bound, "block " + i + ": " + max + " > " + bound);
            assertTrue(max > 0.95 * bound, "block " + i + " should fill its range: " + max);
            assertEquals(0, sum / w.size(), bound / 10, "block " + i + " mean");
            BatchNorm2d bn = net.batchNorm(i);
            for (int c = 0; c < bn.channels(); c++) {
                assertEquals(1f, bn.weight().data()[c]);
                assertEquals(0f, bn.bias().data()[c]);
            }
        }
    }

    @Test
    void theSeedDecides() {
        float[] a = ProtoNetPretraining.newNetwork(false, 7).conv(2).weight().data();
        assertArrayEquals(a, ProtoNetPretraining.newNetwork(false, 7).conv(2).weight().data());
        assertFalse(Arrays.equals(a, ProtoNetPretraining.newNetwork(false, 8).conv(2).weight().data()));
    }
}
