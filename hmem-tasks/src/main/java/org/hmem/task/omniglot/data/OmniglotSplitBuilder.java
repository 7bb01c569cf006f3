package org.hmem.task.omniglot.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Builds a processed split straight from the image zips: every drawing of every character the split names is decoded
 * once ({@link OmniglotPng}) and preprocessed once per rotation class of that character
 * ({@link OmniglotPreprocessing}). Characters are processed in parallel; each writes only its own items' slots, so
 * the result does not depend on scheduling.
 */
final class OmniglotSplitBuilder {

    private OmniglotSplitBuilder() {
    }

    /**
     * Builds {@code split} as listed in {@code splitFile}.
     *
     * @throws OmniglotDataException if a zip cannot be read, a listed character has no drawing in either zip, or a
     *     drawing cannot be decoded
     */
    static OmniglotSplit build(OmniglotFiles files, OmniglotSplitName split, OmniglotSplitFile splitFile) {
        List<OmniglotClassRef> classes = splitFile.classes();
        try (OmniglotArchive archive = OmniglotArchive.open(files.zips())) {
            Map<String, List<Integer>> classesOfCharacter = new LinkedHashMap<>();
            Map<String, List<OmniglotArchive.Drawing>> drawings = new LinkedHashMap<>();
            int[] classStart = new int[classes.size() + 1];
            for (int c = 0; c < classes.size(); c++) {
                String character = classes.get(c).character();
                List<OmniglotArchive.Drawing> found = drawings.computeIfAbsent(character, archive::drawings);
                if (found.isEmpty()) {
                    throw new OmniglotDataException("Omniglot split " + splitFile.file() + " lists "
                            + classes.get(c).name() + ", but neither " + String.join(" nor ", archive.names())
                            + " holds a drawing <...>/" + character + "/*.png; the split files and zips must come"
                            + " from " + OmniglotFiles.SPLITS_URL + " and " + OmniglotFiles.IMAGES_URL);
                }
                classesOfCharacter.computeIfAbsent(character, k -> new ArrayList<>()).add(c);
                classStart[c + 1] = classStart[c] + found.size();
            }
            int n = classStart[classes.size()];
            String[] itemFiles = new String[n];
            byte[] bits = new byte[Math.multiplyExact(n, OmniglotImageBits.BYTES)];
            List<String> characters = new ArrayList<>(classesOfCharacter.keySet());
            IntStream.range(0, characters.size()).parallel().forEach(k -> {
                String character = characters.get(k);
                processCharacter(drawings.get(character), classesOfCharacter.get(character), classes, classStart,
                        itemFiles, bits);
            });
            return new OmniglotSplit(split, classes, classStart, itemFiles, bits);
        }
    }

    private static void processCharacter(List<OmniglotArchive.Drawing> drawings, List<Integer> classIndices,
            List<OmniglotClassRef> classes, int[] classStart, String[] itemFiles, byte[] bits) {
        for (int d = 0; d < drawings.size(); d++) {
            OmniglotArchive.Drawing drawing = drawings.get(d);
            boolean[] white = OmniglotPng.decodeWhite(OmniglotArchive.read(drawing), drawing.origin());
            for (int c : classIndices) {
                int item = classStart[c] + d;
                itemFiles[item] = drawing.fileName();
                byte[] ink = OmniglotPreprocessing.process(white, classes.get(c).rotation());
                OmniglotImageBits.pack(ink, bits, item * OmniglotImageBits.BYTES);
            }
        }
    }
}
