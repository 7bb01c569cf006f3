package org.hmem.task.train.shard;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport without a cluster for tests: every stage and every result goes through Java serialisation, as it does
 * between a Spark driver and its executors, and the shards run one after another in this JVM.
 */
public final class SerializingTransport implements ShardTransport {

    private int stages;

    @Override
    public List<ShardResult> run(ShardStage stage) {
        stages++;
        byte[] sent = bytes(stage);
        List<ShardResult> results = new ArrayList<>();
        for (int k = 0; k < stage.shards(); k++) {
            ShardStage received = (ShardStage) object(sent);
            results.add((ShardResult) object(bytes(ShardExecutor.compute(received, k))));
        }
        return results;
    }

    /** Stages run so far. */
    public int stages() {
        return stages;
    }

    @Override
    public int defaultShards() {
        return 2;
    }

    @Override
    public String describe() {
        return "in-process serialising transport";
    }

    @Override
    public void close() {
    }

    static byte[] bytes(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Object object(byte[] b) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
