package org.hmem.task.train.shard;

import java.io.Serializable;

import org.hmem.task.train.RateCounts;
import org.hmem.task.train.SampleTotals;

/**
 * What one shard sends back.
 *
 * @param counts the counting pass's result (null in other phases)
 * @param totals loss and metric sums of a training or evaluation pass (null when counting)
 * @param direct per worker thread of the shard, its gradient buffers in parameter order (null unless training)
 * @param transposed per worker thread, its transposed buffers (see {@link org.hmem.engine.nn.Gradients})
 * @param executor the executor that computed it ("pid/host")
 * @param nanos how long the executor computed (for the split of a step's time into computing and carrying)
 */
public record ShardResult(int shard, RateCounts counts, SampleTotals totals, float[][][] direct,
                          float[][][] transposed, String executor, long nanos) implements Serializable {

    private static final long serialVersionUID = 1L;
}
