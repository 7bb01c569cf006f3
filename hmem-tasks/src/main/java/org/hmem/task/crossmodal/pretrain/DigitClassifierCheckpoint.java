package org.hmem.task.crossmodal.pretrain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hmem.engine.io.AtomicFiles;
import org.hmem.engine.io.CheckpointFormatException;
import org.hmem.engine.io.Safetensors;
import org.hmem.engine.io.SafetensorsFile;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.crossmodal.DigitClassifier;
import org.hmem.task.flags.UserError;

/**
 * A digit classifier as one safetensors file: exactly its state dict under the reference's names (so the shipped
 * classifiers, {@code ProtoNet.loadStateDict} and the cross-modal task's {@code --image_protonet_path} /
 * {@code --audio_protonet_path} read it), and the run's facts as header metadata: {@link #FORMAT}, the
 * {@code modality}, the input {@code height} and {@code width}, {@code epoch}, {@code best_loss}, the flags as JSON.
 * No optimiser state: the reference's {@code --resume} loads weights only.
 *
 * <p>An MNIST and an MFCC classifier have the same tensor shapes, so only the metadata can tell them apart: files
 * of this class record the modality, the shipped ones name their source checkpoint
 * ({@code cross-modal-associations-task-<image|audio>-protonet-checkpoint.tar}); a recorded modality other than the
 * run's is refused.
 */
public final class DigitClassifierCheckpoint {

    /** The metadata {@code format} of files this class writes. */
    public static final String FORMAT = "hmem-digit-classifier/1";

    private static final Pattern SHIPPED_SOURCE = Pattern.compile("cross-modal-associations-task-(image|audio)-");

    /** A classifier read back, with the file's metadata and the modality it records (null when it records none). */
    public record Loaded(DigitClassifier model, Map<String, String> metadata, Modality modality) {
    }

    private DigitClassifierCheckpoint() {
    }

    /**
     * Atomically writes {@code state} and {@code metadata} (to which {@code format}, {@code modality},
     * {@code height} and {@code width} are added) to {@code file}; a failure is an {@link UncheckedIOException}
     * naming the file and why.
     */
    public static void write(Path file, Map<String, Tensor> state, Modality modality, int height, int width,
                             Map<String, String> metadata) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("modality", modality.id());
        meta.put("height", Integer.toString(height));
        meta.put("width", Integer.toString(width));
        meta.putAll(metadata);
        try {
            Safetensors.write(file, state, meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file + ": " + AtomicFiles.reason(e), e);
        }
    }

    /**
     * Reads the classifier of {@code file} for {@code height × width} images of {@code modality}: with batch norm
     * exactly when the file holds batch-norm tensors. A missing or unreadable file, one that is no digit classifier,
     * or one recorded for another modality or image shape is a {@link UserError} naming it.
     */
    public static Loaded read(Path file, Modality modality, int height, int width) {
        SafetensorsFile content = open(file);
        Map<String, String> meta = content.metadata();
        Modality recorded = recordedModality(meta);
        if (recorded != null && recorded != modality) {
            throw new UserError("the checkpoint " + file + " is a classifier of " + recorded.description()
                    + " (--modality " + recorded.id() + "), not of " + modality.description() + " (--modality "
                    + modality.id() + ")");
        }
        if (meta.containsKey("height") && meta.containsKey("width")
                && !(meta.get("height").equals(Integer.toString(height))
                && meta.get("width").equals(Integer.toString(width)))) {
            throw new UserError("the checkpoint " + file + " was trained on " + meta.get("height") + " x "
                    + meta.get("width") + " images; this run has " + height + " x " + width
                    + (modality == Modality.AUDIO ? " (--num_mfcc_time_samples x --num_mfcc)" : ""));
        }
        Map<String, Tensor> state = content.tensors();
        if (state.keySet().stream().noneMatch(k -> k.endsWith("linear.weight"))) {
            throw new UserError("the checkpoint " + file + " is not a digit classifier: it has no linear head "
                    + "(linear.weight), only " + state.keySet());
        }
        DigitClassifier model = new DigitClassifier(hasBatchNorm(state), height, width);
        try {
            model.loadStateDict(state);
        } catch (IllegalArgumentException e) {
            throw new UserError("the checkpoint " + file + " is not a digit classifier: " + e.getMessage(), e);
        }
        return new Loaded(model, meta, recorded);
    }

    /** The modality a file's metadata records: its {@code modality}, or the shipped files' source name; else null. */
    static Modality recordedModality(Map<String, String> meta) {
        String id = meta.get("modality");
        if (id != null) {
            return Modality.ofId(id);
        }
        String source = meta.getOrDefault("source", "");
        Matcher m = SHIPPED_SOURCE.matcher(source);
        return m.find() ? Modality.ofId(m.group(1)) : null;
    }

    private static SafetensorsFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("no checkpoint file " + file + (Files.exists(file) ? " (it is not a file)" : ""));
        }
        try {
            return Safetensors.read(file);
        } catch (CheckpointFormatException e) {
            throw new UserError("cannot read the checkpoint " + file + ": " + e.problem(), e);
        } catch (NoSuchFileException e) {
            throw new UserError("no checkpoint file " + file, e);
        } catch (IOException e) {
            throw new UserError("cannot read the checkpoint " + file + ": " + AtomicFiles.reason(e), e);
        }
    }

    /** Whether a state dict has batch-norm entries ({@code encoder.{i}.1.*}, DataParallel's {@code module.} aside). */
    static boolean hasBatchNorm(Map<String, Tensor> state) {
        return state.keySet().stream().map(k -> k.startsWith("module.") ? k.substring(7) : k)
                .anyMatch(k -> k.matches("encoder\\.\\d+\\.1\\..*"));
    }
}
