package org.hmem.task.train;

/**
 * Where a run's batches are computed: in this process ({@link #NONE}), or data-parallel on a cluster.
 *
 * @param master the cluster ({@code local[N]}, {@code spark://host:port}, …); empty: this process
 * @param shards shards per batch; 0: one per core of the cluster
 */
public record Distribution(String master, int shards) {

    public static final Distribution NONE = new Distribution("", 0);

    public boolean enabled() {
        return !master.isEmpty();
    }
}
