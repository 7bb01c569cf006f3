package org.hmem.spark;

import java.io.PrintStream;

import org.hmem.task.train.shard.ShardTransport;

/** Makes {@code --spark MASTER} use Spark (registered in META-INF/services). */
public final class SparkTransportProvider implements ShardTransport.Provider {

    @Override
    public ShardTransport open(String master, PrintStream out) {
        return SparkTransport.connect(master, out);
    }
}
