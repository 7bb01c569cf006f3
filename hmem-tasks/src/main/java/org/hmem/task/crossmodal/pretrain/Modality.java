package org.hmem.task.crossmodal.pretrain;

import java.util.Locale;

import org.hmem.task.crossmodal.CrossModalFlags;

/** What a digit classifier reads: MNIST images or FSDD MFCC images (the reference's {@code --audio} switch). */
public enum Modality {
    IMAGE("image", "MNIST", "MNIST images", CrossModalFlags.IMAGE_CLASSIFIER_FILE),
    AUDIO("audio", "Audio", "FSDD MFCC images", CrossModalFlags.AUDIO_CLASSIFIER_FILE);

    private final String id;
    private final String suffixWord;
    private final String description;
    private final String shippedFile;

    Modality(String id, String suffixWord, String description, String shippedFile) {
        this.id = id;
        this.suffixWord = suffixWord;
        this.description = description;
        this.shippedFile = shippedFile;
    }

    /** {@code image} or {@code audio}: the {@code --modality} value and the checkpoint metadata. */
    public String id() {
        return id;
    }

    /** What the classifier reads, for messages. */
    public String description() {
        return description;
    }

    /** The reference's checkpoint-name suffix, {@code <Audio|MNIST>_classification_task}. */
    public String checkpointSuffix() {
        return suffixWord + "_classification_task";
    }

    /** The shipped pretrained classifier of this modality. */
    public String shippedFile() {
        return shippedFile;
    }

    /** The modality of an id, or null for an unknown one. */
    public static Modality ofId(String id) {
        for (Modality m : values()) {
            if (m.id.equals(id.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        return null;
    }
}
