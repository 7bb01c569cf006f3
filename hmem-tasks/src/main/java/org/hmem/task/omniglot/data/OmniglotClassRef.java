package org.hmem.task.omniglot.data;

/**
 * One class of a split, as a split line names it: a character folder and a rotation (spec §6.2). Every drawing of
 * the character, rotated counter-clockwise by {@code rotation} degrees, is an item of the class.
 *
 * @param character {@code Alphabet/characterNN}, the folder inside either image zip
 * @param rotation 0, 90, 180 or 270
 */
public record OmniglotClassRef(String character, int rotation) {

    public OmniglotClassRef {
        if (rotation != 0 && rotation != 90 && rotation != 180 && rotation != 270) {
            throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270, got " + rotation);
        }
    }

    /** The split-file form, {@code Alphabet/characterNN/rotDDD}. */
    public String name() {
        return character + "/rot" + String.format("%03d", rotation);
    }

    @Override
    public String toString() {
        return name();
    }
}
