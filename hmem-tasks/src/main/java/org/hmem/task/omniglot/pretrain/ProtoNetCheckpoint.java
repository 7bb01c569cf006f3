package org.hmem.task.omniglot.pretrain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hmem.engine.conv.ProtoNet;
import org.hmem.engine.io.AtomicFiles;
import org.hmem.engine.io.CheckpointFormatException;
import org.hmem.engine.io.Safetensors;
import org.hmem.engine.io.SafetensorsFile;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.flags.UserError;

/**
 * A pretrained prototypical network as one safetensors file: exactly the network's state dict under the reference's
 * names ({@code encoder.{i}.0.weight}, with batch norm also {@code encoder.{i}.1.*}), so that the H-Mem tasks'
 * {@code --protonet_checkpoint_path}, {@link ProtoNet#loadStateDict} and Python's {@code safetensors} read it, and the
 * run's facts as header metadata ({@link #FORMAT}, epoch, {@code best_acc} as a fraction, the flags as JSON). There is
 * no optimiser state: the reference script cannot resume either, and the weights are all its consumers take.
 */
public final class ProtoNetCheckpoint {

    /** The metadata {@code format} of files this class writes. */
    public static final String FORMAT = "hmem-protonet/1";

    /** A network read back, with the file's metadata (empty for a file without any). */
    public record Loaded(ProtoNet net, Map<String, String> metadata) {
    }

    private ProtoNetCheckpoint() {
    }

    /** A copy of the network's state dict: every parameter and buffer under its name. */
    public static Map<String, Tensor> stateDict(ProtoNet net) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (Parameter p : net.parameters()) {
            state.put(p.name(), new Tensor(p.shape(), p.data().clone()));
        }
        return state;
    }

    /**
     * Atomically writes {@code state} (see {@link #stateDict}) and {@code metadata} (to which {@code format} is
     * added) to {@code file}; a failure is an {@link UncheckedIOException} naming the file and why.
     */
    public static void write(Path file, Map<String, Tensor> state, Map<String, String> metadata) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.putAll(metadata);
        try {
            Safetensors.write(file, state, meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file + ": " + AtomicFiles.reason(e), e);
        }
    }

    /**
     * Reads a network: with batch norm exactly when the file holds batch-norm tensors (so the shipped
     * {@code omniglot-protonet.safetensors}, which has none, loads). A missing, unreadable or non-matching file is a
     * {@link UserError} naming it.
     */
    public static Loaded read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("no checkpoint file " + file + (Files.exists(file) ? " (it is not a file)" : ""));
        }
        SafetensorsFile content;
        try {
            content = Safetensors.read(file);
        } catch (CheckpointFormatException e) {
            throw new UserError("cannot read the checkpoint " + file + ": " + e.problem(), e);
        } catch (NoSuchFileException e) {
            throw new UserError("no checkpoint file " + file, e);
        } catch (IOException e) {
            throw new UserError("cannot read the checkpoint " + file + ": " + AtomicFiles.reason(e), e);
        }
        ProtoNet net = new ProtoNet(hasBatchNorm(content.tensors()));
        try {
            net.loadStateDict(content.tensors());
        } catch (IllegalArgumentException e) {
            throw new UserError("the checkpoint " + file + " is not a prototypical network: " + e.getMessage(), e);
        }
        return new Loaded(net, content.metadata());
    }

    /** Whether a state dict has batch-norm entries ({@code encoder.{i}.1.*}, DataParallel's {@code module.} aside). */
    static boolean hasBatchNorm(Map<String, Tensor> state) {
        return state.keySet().stream().map(k -> k.startsWith("module.") ? k.substring(7) : k)
                .anyMatch(k -> k.matches("encoder\\.\\d+\\.1\\..*"));
    }
}
