package org.hmem.task.crossmodal.pretrain;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.hmem.task.crossmodal.data.LabelledImages;

/** Some items of a data set, in a given order, as a data set of their own (item i is {@code items[i]} there). */
final class ImageSubset implements LabelledImages {

    private final LabelledImages base;
    private final int[] items;

    ImageSubset(LabelledImages base, int[] items) {
        for (int item : items) {
            if (item < 0 || item >= base.size()) {
                throw new IllegalArgumentException("item " + item + " outside 0.." + (base.size() - 1));
            }
        }
        this.base = base;
        this.items = items.clone();
    }

    /** The first {@code n} items of {@code base} (all of them when it has fewer). */
    static LabelledImages first(LabelledImages base, int n) {
        int[] items = new int[Math.min(n, base.size())];
        Arrays.setAll(items, i -> i);
        return new ImageSubset(base, items);
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public int label(int item) {
        return base.label(items[item]);
    }

    @Override
    public int imageSize() {
        return base.imageSize();
    }

    @Override
    public void image(int item, float[] out, int off) {
        base.image(items[item], out, off);
    }

    @Override
    public int[] itemsOfClass(int digit) {
        return IntStream.range(0, items.length).filter(i -> label(i) == digit).toArray();
    }
}
