package org.hmem.task.babi.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Small bAbI files written by the tests themselves, and a minimal tar writer to pack them like the official archive. */
final class BabiFixtures {

    /**
     * Two stories: the first with 3 statements and 2 questions, the second (id 1 resets) with one statement and a
     * two-direction answer that must stay one token. Mixed case checks lower-casing.
     */
    static final String TRAIN = String.join("\n",
            "1 Mary moved to the bathroom.",
            "2 John went to the hallway.",
            "3 Where is Mary? \tbathroom\t1",
            "4 Daniel went back to the hallway.",
            "5 Where is Daniel? \thallway\t4",
            "1 Sandra went to the garden.",
            "2 Which way from the garden? \tn,w\t1",
            "");

    static final String TEST = String.join("\n",
            "1 John went to the kitchen.",
            "2 Where is John? \tkitchen\t1",
            "");

    /** The expected vocabulary of TRAIN + TEST, worked out by hand. */
    static final List<String> VOCABULARY = List.of("NIL", "back", "bathroom", "daniel", "from", "garden", "hallway",
            "is", "john", "kitchen", "mary", "moved", "n,w", "sandra", "the", "to", "way", "went", "where", "which");

    private BabiFixtures() {
    }

    /** Official file name of {@code task}, {@code split} in the given language folder. */
    static String entry(String language, int task, BabiSplit split) {
        return language + "/" + BabiTaskNames.fileName(task, split);
    }

    /** Writes TRAIN/TEST as task {@code task} into {@code folder/<language>/}. */
    static void writeFolder(Path folder, String language, int task) throws IOException {
        write(folder.resolve(entry(language, task, BabiSplit.TRAIN)), TRAIN);
        write(folder.resolve(entry(language, task, BabiSplit.TEST)), TEST);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Files for a tarball holding task {@code task} under {@code tasks_1-20_v1-2/<language>/}. */
    static Map<String, String> tarFiles(String language, int task) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("tasks_1-20_v1-2/README.txt", "bAbI fixture\n");
        files.put("tasks_1-20_v1-2/" + entry(language, task, BabiSplit.TRAIN), TRAIN);
        files.put("tasks_1-20_v1-2/" + entry(language, task, BabiSplit.TEST), TEST);
        return files;
    }

    /**
     * Writes a gzip-compressed ustar archive: a directory entry for every folder first (as tar does), then the
     * files in the given order. Names longer than 100 bytes get a GNU long-name entry.
     */
    static void writeTarGz(Path tarGz, Map<String, String> files) throws IOException {
        Files.createDirectories(tarGz.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tarGz))) {
            for (String name : files.keySet()) {
                int slash = name.lastIndexOf('/');
                if (slash > 0) {
                    writeEntry(out, name.substring(0, slash + 1), '5', new byte[0]);
                }
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                byte[] name = file.getKey().getBytes(StandardCharsets.UTF_8);
                if (name.length > 100) {
                    byte[] longName = Arrays.copyOf(name, name.length + 1);
                    writeEntry(out, "././@LongLink", 'L', longName);
                }
                writeEntry(out, file.getKey(), '0', content);
            }
            out.write(new byte[1024]);
        }
    }

    private static void writeEntry(OutputStream out, String name, char type, byte[] content) throws IOException {
        byte[] header = new byte[512];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(nameBytes, 0, header, 0, Math.min(100, nameBytes.length));
        putOctal(header, 100, 8, type == '5' ? 0755 : 0644);
        putOctal(header, 108, 8, 0);
        putOctal(header, 116, 8, 0);
        putOctal(header, 124, 12, content.length);
        putOctal(header, 136, 12, 1_400_000_000L);
        Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = (byte) type;
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 8);
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        byte[] checksum = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, header, 148, 6);
        header[154] = 0;
        header[155] = ' ';
        out.write(header);
        out.write(content);
        out.write(new byte[(512 - content.length % 512) % 512]);
    }

    private static void putOctal(byte[] header, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        byte[] bytes = digits.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, length - 1);
        header[offset + length - 1] = 0;
    }

    /** Gzip-compresses arbitrary bytes (for the not-a-tar test). */
    static void writeGz(Path file, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes.toByteArray());
    }
}
