package org.hmem.task.omniglot.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The drawings inside the official image zips, indexed by character folder, read without unpacking.
 *
 * <p>An entry {@code [<prefix>/]<Alphabet>/<characterNN>/<file>.png} is drawing {@code <file>.png} of character
 * {@code <Alphabet>/<characterNN>}, whatever the prefix ({@code images_background/} in the official zips), so a
 * re-zipped copy works too; macOS resource-fork entries are ignored. A character may live in either zip; the split
 * files mix them (the reference merges both zips into one folder). Should both zips hold the same file of a
 * character, the first zip's wins, as the later copy would have been overwritten when merging. Drawings are listed in
 * file-name order ({@code 0094_01.png} ... {@code 0094_20.png}), which makes item order independent of zip order.
 *
 * <p>{@link ZipFile} reads entries concurrently, so one archive serves parallel decoding threads.
 */
final class OmniglotArchive implements AutoCloseable {

    /** One drawing: its file name and where it is stored. */
    record Drawing(String fileName, ZipFile zip, ZipEntry entry) {

        /** {@code zip!entry}, for messages. */
        String origin() {
            return zip.getName() + "!" + entry.getName();
        }
    }

    private final List<ZipFile> zips;
    private final Map<String, TreeMap<String, Drawing>> byCharacter = new HashMap<>();

    private OmniglotArchive(List<ZipFile> zips) {
        this.zips = zips;
        for (ZipFile zip : zips) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                index(zip, entries.nextElement());
            }
        }
    }

    /**
     * Opens and indexes the zips, in lookup order.
     *
     * @throws OmniglotDataException if a zip cannot be opened (a damaged or incomplete download)
     */
    static OmniglotArchive open(List<Path> zipFiles) {
        List<ZipFile> opened = new ArrayList<>();
        for (Path file : zipFiles) {
            try {
                opened.add(new ZipFile(file.toFile()));
            } catch (IOException e) {
                closeAll(opened, e);
                throw new OmniglotDataException("cannot open the Omniglot zip " + file + ": " + e.getMessage()
                        + " (expected the official zip from " + OmniglotFiles.IMAGES_URL
                        + "; download it again if it is damaged)", e);
            }
        }
        return new OmniglotArchive(opened);
    }

    private void index(ZipFile zip, ZipEntry entry) {
        if (entry.isDirectory()) {
            return;
        }
        String[] parts = entry.getName().split("/");
        int n = parts.length;
        if (n < 3 || !parts[n - 1].toLowerCase(Locale.ROOT).endsWith(".png") || entry.getName().contains("__MACOSX")
                || parts[n - 1].startsWith(".")) {
            return;
        }
        String character = parts[n - 3] + "/" + parts[n - 2];
        byCharacter.computeIfAbsent(character, c -> new TreeMap<>())
                .putIfAbsent(parts[n - 1], new Drawing(parts[n - 1], zip, entry));
    }

    /** The drawings of {@code character} ({@code Alphabet/characterNN}) in file-name order; empty if unknown. */
    List<Drawing> drawings(String character) {
        TreeMap<String, Drawing> files = byCharacter.get(character);
        return files == null ? List.of() : List.copyOf(files.values());
    }

    /**
     * The bytes of a drawing.
     *
     * @throws OmniglotDataException if the entry cannot be read (a damaged zip)
     */
    static byte[] read(Drawing drawing) {
        try (InputStream in = drawing.zip().getInputStream(drawing.entry())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new OmniglotDataException("cannot read " + drawing.origin() + ": " + e.getMessage()
                    + " (download the zip again from " + OmniglotFiles.IMAGES_URL + ")", e);
        }
    }

    /** The zips' paths, for messages. */
    List<String> names() {
        return zips.stream().map(ZipFile::getName).toList();
    }

    @Override
    public void close() {
        closeAll(zips, null);
    }

    private static void closeAll(List<ZipFile> zips, Exception failure) {
        for (ZipFile zip : zips) {
            try {
                zip.close();
            } catch (IOException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
    }
}
