package org.hmem.task.train.log;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes the same scalars as {@link TensorBoardWriter} to {@code scalars.csv} in the run directory, for plotting
 * scripts and quick inspection without TensorBoard.
 *
 * <p>Format: RFC 4180 CSV, UTF-8, header {@value #HEADER}. {@code wall_time} is Unix seconds with microsecond
 * digits; {@code value} is {@link Double#toString(double)} (exact round-trip, unlike TensorBoard's 32-bit floats;
 * {@code NaN} and {@code Infinity} spelt that way). A tag containing a comma, quote, line break or surrounding
 * blanks is quoted, with quotes doubled.
 *
 * <p>Text entries do not fit the numeric table, so they go to a sibling {@code text.txt}, created on first use;
 * each entry is a header line {@code ## <tag> (step <step>, wall_time <t>)}, the text, and a blank line.
 *
 * <p>If {@code scalars.csv} already exists with the same header (a resumed run), rows are appended to it; a file
 * with any other first line is refused rather than silently mixed with ours.
 */
public final class CsvScalarWriter implements ScalarLogger {

    /** File name of the scalar table inside the run directory. */
    public static final String SCALARS_FILE = "scalars.csv";
    /** File name of the text entries inside the run directory. */
    public static final String TEXT_FILE = "text.txt";
    /** First line of {@link #SCALARS_FILE}. */
    public static final String HEADER = "wall_time,step,tag,value";

    private final Path csvFile;
    private final Path textFile;
    private final BufferedWriter csv;
    private BufferedWriter text;
    private boolean closed;

    /** Creates {@code runDir} if needed and opens (or resumes) {@code scalars.csv} in it. */
    public CsvScalarWriter(Path runDir) {
        Objects.requireNonNull(runDir, "runDir");
        this.csvFile = runDir.resolve(SCALARS_FILE);
        this.textFile = runDir.resolve(TEXT_FILE);
        try {
            Files.createDirectories(runDir);
            boolean resume = Files.isRegularFile(csvFile) && Files.size(csvFile) > 0;
            if (resume) {
                checkHeader(csvFile);
            }
            this.csv = Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            if (!resume) {
                csv.write(HEADER);
                csv.write('\n');
                csv.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open scalar CSV " + csvFile, e);
        }
    }

    /** The CSV file this writer appends to. */
    public Path file() {
        return csvFile;
    }

    @Override
    public synchronized void scalar(String tag, long step, double value) {
        TensorBoardWriter.checkTag(tag);
        ensureOpen();
        String row = formatTime(Instant.now()) + ',' + step + ',' + escape(tag) + ',' + value + '\n';
        try {
            csv.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to scalar CSV " + csvFile, e);
        }
    }

    @Override
    public synchronized void text(String tag, long step, String entry) {
        TensorBoardWriter.checkTag(tag);
        Objects.requireNonNull(entry, "text");
        ensureOpen();
        try {
            if (text == null) {
                text = Files.newBufferedWriter(textFile, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            }
            text.write("## " + tag + " (step " + step + ", wall_time " + formatTime(Instant.now()) + ")\n");
            text.write(entry);
            text.write(entry.endsWith("\n") ? "\n" : "\n\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to text log " + textFile, e);
        }
    }

    @Override
    public synchronized void flush() {
        ensureOpen();
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush scalar CSV " + csvFile, e);
        }
        try {
            if (text != null) {
                text.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush text log " + textFile, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        UncheckedIOException failure = null;
        try {
            csv.close();
        } catch (IOException e) {
            failure = new UncheckedIOException("cannot close scalar CSV " + csvFile, e);
        }
        if (text != null) {
            try {
                text.close();
            } catch (IOException e) {
                UncheckedIOException f = new UncheckedIOException("cannot close text log " + textFile, e);
                if (failure == null) {
                    failure = f;
                } else {
                    failure.addSuppressed(f);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "CsvScalarWriter[" + csvFile + "]";
    }

    /** RFC 4180 quoting: only when needed, so ordinary tags such as {@code Loss/train} stay bare. */
    static String escape(String field) {
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0
                || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0
                || !field.equals(field.strip());
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    private static String formatTime(Instant t) {
        return String.format(Locale.ROOT, "%d.%06d", t.getEpochSecond(), t.getNano() / 1000);
    }

    private static void checkHeader(Path file) throws IOException {
        String first;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            first = r.readLine();
        }
        if (!HEADER.equals(first)) {
            throw new IOException("existing " + file + " starts with '" + first + "', expected '" + HEADER
                    + "'; refusing to append to a file that is not ours");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("scalar CSV " + csvFile + " is already closed");
        }
    }
}
