package org.hmem.task.train.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompositeLoggerTest {

    /** Records calls; optionally fails on flush/close. */
    private static final class Recording implements ScalarLogger {
        final List<String> calls = new ArrayList<>();
        final boolean fail;

        Recording(boolean fail) {
            this.fail = fail;
        }

        @Override
        public void scalar(String tag, long step, double value) {
            calls.add("scalar " + tag + " " + step + " " + value);
        }

        @Override
        public void text(String tag, long step, String text) {
            calls.add("text " + tag + " " + step + " " + text);
        }

        @Override public void flush() { calls.add("flush"); maybeFail("flush"); }
        @Override public void close() { calls.add("close"); maybeFail("close"); }

        private void maybeFail(String what) {
            if (fail) {
                throw new UncheckedIOException(new IOException(what + " failed"));
            }
        }
    }

    @TempDir
    Path tmp;

    @Test
    void fansOutEveryCall() {
        Recording a = new Recording(false);
        Recording b = new Recording(false);
        try (CompositeLogger c = new CompositeLogger(a, b, ScalarLogger.NONE)) {
            c.scalar("Loss/train", 3, 0.25);
            c.text("Info/params", 0, "{}");
            c.flush();
        }
        List<String> expected = List.of("scalar Loss/train 3 0.25", "text Info/params 0 {}", "flush", "close");
        assertEquals(expected, a.calls);
        assertEquals(expected, b.calls);
    }

    @Test
    void closeReachesAllDelegatesEvenWhenOneFails() {
        Recording bad1 = new Recording(true);
        Recording good = new Recording(false);
        Recording bad2 = new Recording(true);
        CompositeLogger c = new CompositeLogger(List.of(bad1, good, bad2));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, c::close);
        assertEquals(List.of("close"), good.calls);
        assertEquals(List.of("close"), bad2.calls);
        assertEquals(1, e.getSuppressed().length);
        assertSame(UncheckedIOException.class, e.getSuppressed()[0].getClass());
    }

    @Test
    void rejectsNullDelegate() {
        var e = assertThrows(NullPointerException.class,
                () -> new CompositeLogger(java.util.Arrays.asList(ScalarLogger.NONE, null)));
        assertTrue(e.getMessage().contains("#1"), e.getMessage());
    }

    @Test
    void tensorBoardAndCsvTogether() throws IOException {
        Path tbFile;
        try (TensorBoardWriter tb = new TensorBoardWriter(tmp);
             CompositeLogger c = new CompositeLogger(tb, new CsvScalarWriter(tmp))) {
            tbFile = tb.file();
            for (int epoch = 0; epoch < 3; epoch++) {
                c.scalar("Loss/train", epoch, 1.0 / (epoch + 1));
                c.scalar("Acc/train", epoch, epoch / 10.0);
            }
            c.text("Info/params", 0, "\t{}");
        }
        assertEquals(1 + 6 + 1, TfRecordTestReader.read(tbFile).size());
        assertEquals(1 + 6, CsvScalarWriterTest.parseCsv(Files.readString(tmp.resolve("scalars.csv"))).size());
    }
}
