package org.hmem.engine.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.hmem.engine.tensor.Tensor;

/**
 * Child process for {@link AtomicWriteKillTest}: writes versions {@code base+1, base+2, ...} of a large checkpoint
 * to the same path, every value equal to the version number, announcing each write on stdout so the parent can
 * kill it mid-write. Arguments: target path, floats per checkpoint, base version.
 */
public final class CheckpointWriterChild {

    private CheckpointWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        float[] values = new float[Integer.parseInt(args[1])];
        int base = Integer.parseInt(args[2]);
        for (int version = base + 1; version <= base + 1000; version++) {
            Arrays.fill(values, version);
            System.out.println("begin " + version);
            System.out.flush();
            Safetensors.write(target, Map.of("values", new Tensor(new int[] {values.length}, values)),
                    Map.of("version", Integer.toString(version)));
            System.out.println("end " + version);
            System.out.flush();
        }
    }
}
