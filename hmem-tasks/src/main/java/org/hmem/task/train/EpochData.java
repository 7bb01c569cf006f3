package org.hmem.task.train;

import java.util.List;

/**
 * The batches of a run. Training batches are a function of (epoch, index) so that a resumed run sees exactly the
 * batches the uninterrupted run would have seen.
 */
public interface EpochData<D> {

    int trainBatches(int epoch);

    D trainBatch(int epoch, int index);

    List<D> validation();

    List<D> test();
}
