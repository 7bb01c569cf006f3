package org.hmem.task.omniglot.data;

import java.util.ArrayList;
import java.util.List;

/** Splits of blank images with a chosen number of classes and drawings, for the sampler tests. */
final class SamplerFixtures {

    private SamplerFixtures() {
    }

    /** {@code classes} classes of {@code size} drawings each. */
    static OmniglotSplit split(int classes, int size) {
        List<OmniglotClassRef> refs = new ArrayList<>();
        int[] start = new int[classes + 1];
        for (int c = 0; c < classes; c++) {
            refs.add(new OmniglotClassRef("Alphabet/character" + (c / 4 + 1), 90 * (c % 4)));
            start[c + 1] = start[c] + size;
        }
        String[] files = new String[classes * size];
        for (int i = 0; i < files.length; i++) {
            files[i] = String.format("%04d_%02d.png", i / size / 4 + 1, i % size + 1);
        }
        return new OmniglotSplit(OmniglotSplitName.TRAIN, refs, start, files,
                new byte[files.length * OmniglotImageBits.BYTES]);
    }
}
