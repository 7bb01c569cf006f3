package org.hmem.task.concentration.env;

import java.util.SplittableRandom;

/**
 * The card images of a game: {@code numImages} images of {@code cardShape} values each, row-major, in float64 as
 * the reference's {@code images-<n>.npy} stores them (observations round them to float32). Immutable.
 */
public final class Deck {

    private final int numImages;
    private final int cardShape;
    private final double[] values;

    private Deck(int numImages, int cardShape, double[] values) {
        this.numImages = numImages;
        this.cardShape = cardShape;
        this.values = values;
    }

    /** A deck of the given values (copied), image after image. */
    public static Deck of(int numImages, int cardShape, double[] values) {
        if (numImages < 1 || cardShape < 1 || values.length != (long) numImages * cardShape) {
            throw new IllegalArgumentException("a deck of " + numImages + " images of " + cardShape
                    + " values needs " + (long) numImages * cardShape + " values, got " + values.length);
        }
        return new Deck(numImages, cardShape, values.clone());
    }

    /** A deck of uniform [0, 1) values drawn from {@code seed}, as the reference draws a new deck. */
    public static Deck random(int numImages, int cardShape, long seed) {
        double[] v = new double[numImages * cardShape];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble();
        }
        return of(numImages, cardShape, v);
    }

    public int numImages() {
        return numImages;
    }

    public int cardShape() {
        return cardShape;
    }

    /** Value {@code j} of image {@code image}. */
    public double value(int image, int j) {
        return values[image * cardShape + j];
    }

    /** All values, image after image (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** The values rounded to float32 into {@code dst} (an environment's own copy). */
    void copyTo(float[] dst) {
        for (int i = 0; i < values.length; i++) {
            dst[i] = (float) values[i];
        }
    }
}
