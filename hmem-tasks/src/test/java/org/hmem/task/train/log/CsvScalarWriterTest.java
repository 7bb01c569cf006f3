package org.hmem.task.train.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvScalarWriterTest {

    @TempDir
    Path tmp;

    @Test
    void scalarsParseBackExactly() throws IOException {
        Path runDir = tmp.resolve("run");
        double before = System.currentTimeMillis() / 1000.0;
        try (CsvScalarWriter w = new CsvScalarWriter(runDir)) {
            w.scalar("Loss/train", 0, 0.1 + 0.2);               // 0.30000000000000004: needs all 17 digits
            w.scalar("Acc/val", 12, 1.0 / 3.0);
            w.scalar("Misc/lr", 7_000_000_000L, 1e-300);
            w.scalar("Misc/reg_loss", -1, Double.NaN);
            w.scalar("Loss/val", 2, Double.NEGATIVE_INFINITY);
        }
        double after = System.currentTimeMillis() / 1000.0 + 1e-3;

        List<List<String>> rows = parseCsv(Files.readString(runDir.resolve("scalars.csv"), StandardCharsets.UTF_8));
        assertEquals(List.of("wall_time", "step", "tag", "value"), rows.get(0));
        assertEquals(6, rows.size());
        assertRow(rows.get(1), 0, "Loss/train", 0.1 + 0.2, before, after);
        assertRow(rows.get(2), 12, "Acc/val", 1.0 / 3.0, before, after);
        assertRow(rows.get(3), 7_000_000_000L, "Misc/lr", 1e-300, before, after);
        assertRow(rows.get(4), -1, "Misc/reg_loss", Double.NaN, before, after);
        assertRow(rows.get(5), 2, "Loss/val", Double.NEGATIVE_INFINITY, before, after);
    }

    @Test
    void awkwardTagsAreQuoted() throws IOException {
        List<String> tags = List.of("a,b", "say \"hi\"", "two\nlines", " padded ", "plain/tag", "ü,ß");
        try (CsvScalarWriter w = new CsvScalarWriter(tmp)) {
            for (int i = 0; i < tags.size(); i++) {
                w.scalar(tags.get(i), i, i + 0.5);
            }
        }
        String content = Files.readString(tmp.resolve("scalars.csv"), StandardCharsets.UTF_8);
        assertTrue(content.contains(",\"say \"\"hi\"\"\","), content);
        assertTrue(content.contains(",plain/tag,"), "ordinary tags stay unquoted: " + content);
        List<List<String>> rows = parseCsv(content);
        assertEquals(tags.size() + 1, rows.size());
        for (int i = 0; i < tags.size(); i++) {
            List<String> row = rows.get(i + 1);
            assertEquals(4, row.size(), row.toString());
            assertEquals(tags.get(i), row.get(2));
            assertEquals(i, Long.parseLong(row.get(1)));
            assertEquals(i + 0.5, Double.parseDouble(row.get(3)));
        }
    }

    @Test
    void textGoesToSiblingFileNotTheCsv() throws IOException {
        try (CsvScalarWriter w = new CsvScalarWriter(tmp)) {
            assertFalse(Files.exists(tmp.resolve("text.txt")), "text.txt is created only when needed");
            w.text("Info/params", 0, "\t{\"lr\": 0.001}");
            w.scalar("Loss/train", 0, 1);
        }
        List<List<String>> rows = parseCsv(Files.readString(tmp.resolve("scalars.csv")));
        assertEquals(2, rows.size());
        String text = Files.readString(tmp.resolve("text.txt"));
        assertTrue(text.startsWith("## Info/params (step 0, wall_time "), text);
        assertTrue(text.contains("\n\t{\"lr\": 0.001}\n"), text);
    }

    @Test
    void reopeningAppendsWithoutSecondHeader() throws IOException {
        try (CsvScalarWriter w = new CsvScalarWriter(tmp)) {
            w.scalar("Loss/train", 0, 1);
        }
        try (CsvScalarWriter w = new CsvScalarWriter(tmp)) {
            w.scalar("Loss/train", 1, 2);
        }
        List<List<String>> rows = parseCsv(Files.readString(tmp.resolve("scalars.csv")));
        assertEquals(3, rows.size());
        assertEquals("1", rows.get(2).get(1));
    }

    @Test
    void refusesForeignCsv() throws IOException {
        Files.writeString(tmp.resolve("scalars.csv"), "epoch,loss\n1,2\n");
        var e = assertThrows(UncheckedIOException.class, () -> new CsvScalarWriter(tmp));
        String why = e.getCause().getMessage();
        assertTrue(why.contains("expected 'wall_time,step,tag,value'"), why);
        assertEquals("epoch,loss\n1,2\n", Files.readString(tmp.resolve("scalars.csv")));
    }

    @Test
    void flushWritesThroughAndCloseIsFinal() throws IOException {
        CsvScalarWriter w = new CsvScalarWriter(tmp);
        w.scalar("Loss/train", 0, 1);
        w.flush();
        assertEquals(2, parseCsv(Files.readString(w.file())).size());
        w.close();
        w.close();
        assertThrows(IllegalStateException.class, () -> w.scalar("Loss/train", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new CsvScalarWriter(tmp.resolve("x")).scalar("", 0, 0));
    }

    private static void assertRow(List<String> row, long step, String tag, double value, double before, double after) {
        assertEquals(4, row.size(), row.toString());
        double wall = Double.parseDouble(row.get(0));
        assertTrue(wall >= before - 1e-3 && wall <= after, "wall_time " + wall);
        assertEquals(step, Long.parseLong(row.get(1)));
        assertEquals(tag, row.get(2));
        assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(Double.parseDouble(row.get(3))),
                "value " + row.get(3));
    }

    /** Minimal RFC 4180 reader: quoted fields may contain commas, doubled quotes and line breaks. */
    static List<List<String>> parseCsv(String s) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new AssertionError("unterminated quoted field");
        }
        if (field.length() > 0 || !row.isEmpty()) {
            throw new AssertionError("last row has no line terminator");
        }
        return rows;
    }
}
