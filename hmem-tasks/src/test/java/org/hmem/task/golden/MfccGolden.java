package org.hmem.task.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.hmem.engine.golden.GoldenCase;
import org.hmem.engine.golden.GoldenFiles;
import org.hmem.task.crossmodal.data.FsddRecordingName;
import org.hmem.task.crossmodal.data.Mfcc;
import org.hmem.task.crossmodal.data.WavReader;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Golden check of the MFCC preprocessing of FSDD recordings (spec §6.3), kind {@value #KIND}: reads the named WAV
 * files from {@code <shared>/data/fsdd/recordings/} and compares every stage.
 *
 * <p>Tolerances:
 * <ul>
 * <li>float64 path ({@code _f64}: MFCCs, standardised MFCCs, the image cropped with the reference's float64 centre,
 * and the debug mel power / dB / c0): {@code |actual - expected| <= 1e-9 * max(|expected|, 1)} per value (mel power:
 * the floor is 1e-6 of the tensor's maximum instead of 1, its values span 20 decades). Achieved: about 1e-13.</li>
 * <li>the reference's float32 path ({@code _f32}), against our float64 values rounded to float32 with the
 * reference's float32 crop centre: MFCCs within 1e-5 of their scale, standardised values, image and model input
 * within 1e-4 absolute (the golden notes record float32-vs-float64 differences up to 2.7e-5).</li>
 * <li>the crop windows (centre clamps, start, stop) for both recorded centres: exact.</li>
 * </ul>
 * Our own crop centre is computed and printed, not compared: it is rounding noise (spec §13 item 19).
 */
final class MfccGolden {

    static final String KIND = "mfcc";

    static final double F64_REL = 1e-9;
    static final double F32_ABS = 1e-4;
    static final double F32_MFCC_REL = 1e-5;

    private MfccGolden() {
    }

    static void check(GoldenCase c) throws IOException {
        Path recordings = GoldenFiles.shared().resolve("data/fsdd/recordings");
        assumeTrue(Files.isDirectory(recordings), "no FSDD recordings at " + recordings);
        JsonObject root = json(c.file());
        assertEquals(Mfcc.SAMPLE_RATE, c.configInt("sample_rate"));
        assertEquals(Mfcc.N_FFT, c.configInt("n_fft"));
        assertEquals(Mfcc.HOP, c.configInt("hop_length"));
        assertEquals(Mfcc.MELS, c.configInt("n_mels"));
        assertEquals(Mfcc.TOP_DB, c.config("top_db"));
        assertEquals(Mfcc.TRIM_THRESHOLD, c.config("trim_threshold"));
        Mfcc mfcc = new Mfcc(c.configInt("num_mfcc"), c.configInt("num_mfcc_time_samples"));
        assertEquals(mfcc.numMfcc() + 1, c.configInt("n_mfcc_computed"));
        JsonArray files = root.getAsJsonObject("config").getAsJsonArray("files");
        JsonElement debugFile = root.getAsJsonObject("config").get("debug_file");
        JsonArray checks = c.checks().getAsJsonArray("recordings");
        Stats stats = new Stats();
        for (int k = 0; k < files.size(); k++) {
            String file = files.get(k).getAsString();
            JsonObject check = checks.get(k).getAsJsonObject();
            assertEquals(file, check.get("file").getAsString());
            boolean debug = debugFile != null && !debugFile.isJsonNull() && debugFile.getAsString().equals(file);
            checkRecording(c, root, mfcc, recordings.resolve(file), "rec" + k, check, debug, stats);
        }
        System.out.println("golden " + GoldenFiles.displayName(c.file()) + " [" + KIND + "]: " + stats);
    }

    private static void checkRecording(GoldenCase c, JsonObject root, Mfcc mfcc, Path wav, String tag,
            JsonObject check, boolean debug, Stats stats) {
        String file = wav.getFileName().toString();
        short[] pcm = WavReader.read(wav);
        assertEquals(check.get("label").getAsInt(), FsddRecordingName.parse(file).digit(), file + " label");
        assertEquals(check.get("raw_length").getAsInt(), pcm.length, file + " raw length");
        assertEquals(c.output(tag + "_raw_length").values()[0], pcm.length, file + " raw length (outputs)");
        long sum = 0;
        long sumSq = 0;
        for (short s : pcm) {
            sum += s;
            sumSq += (long) s * s;
        }
        assertEquals(check.get("pcm_sum").getAsLong(), sum, file + " pcm sum");
        assertEquals(check.get("pcm_sum_sq").getAsLong(), sumSq, file + " pcm sum of squares");
        int[] head = c.input(tag + "_pcm_head").ints();
        for (int i = 0; i < head.length; i++) {
            assertEquals(head[i], pcm[i], file + " sample " + i);
        }

        double[] signal = Mfcc.trim(Mfcc.samples(pcm));
        assertEquals(check.get("trimmed_length").getAsInt(), signal.length, file + " trimmed length");
        assertEquals(c.output(tag + "_trimmed_length").values()[0], signal.length, file + " trimmed length");
        int frames = Mfcc.numFrames(signal.length);
        assertEquals(check.get("num_frames").getAsInt(), frames, file + " frames");
        assertEquals(c.output(tag + "_num_frames").values()[0], frames, file + " frames (outputs)");

        double[] coefficients = mfcc.mfcc(signal);
        stats.f64(file + " mfcc_f64", c.output(tag + "_mfcc_f64").values(), coefficients, 1);
        double[] standardised = Mfcc.standardise(coefficients, mfcc.numMfcc());
        stats.f64(file + " standardised_f64", c.output(tag + "_standardised_f64").values(), standardised, 1);

        // the crop arithmetic, with each path's own (noise-driven) centre
        Mfcc.Crop crop64 = checkCrop(mfcc, frames, c.output(tag + "_crop_f64").ints(), file + " crop_f64");
        Mfcc.Crop crop32 = checkCrop(mfcc, frames, c.output(tag + "_crop_f32").ints(), file + " crop_f32");
        stats.f64(file + " img_f64_exact", c.output(tag + "_img_f64_exact").values(),
                mfcc.image(standardised, frames, crop64), 1);

        // the reference's float32 path: same formulas in float32, so only float32-sized differences
        stats.f32(file + " mfcc_f32", c.output(tag + "_mfcc_f32").values(), coefficients, F32_MFCC_REL
                * maxAbs(c.output(tag + "_mfcc_f32").values()));
        stats.f32(file + " standardised_f32", c.output(tag + "_standardised_f32").values(), standardised, F32_ABS);
        double[] img32 = mfcc.image(standardised, frames, crop32);
        stats.f32(file + " img_f32", c.output(tag + "_img_f32").values(), floats(img32), F32_ABS);
        float[] input = new float[mfcc.imageSize()];
        mfcc.transposed(img32, input, 0);
        double[] wide = new double[input.length];
        for (int i = 0; i < input.length; i++) {
            wide[i] = input[i];
        }
        stats.f32(file + " transformed_f32", c.output(tag + "_transformed_f32").values(), wide, F32_ABS);

        // the whole pipeline with our own centre: same values wherever the window agrees
        float[] own = new float[mfcc.imageSize()];
        Mfcc.Crop ownCrop = mfcc.preprocess(pcm, file, own, 0);
        assertEquals(mfcc.crop(frames, Mfcc.argmaxFrameSum(standardised, mfcc.numMfcc())), ownCrop);
        float[] expectedOwn = new float[mfcc.imageSize()];
        mfcc.transposed(mfcc.image(standardised, frames, ownCrop), expectedOwn, 0);
        assertArrayEquals(expectedOwn, own, file + " preprocess");
        stats.centres.append(String.format(Locale.ROOT, " %s argmax ours %d / ref f32 %d / ref f64 %d;", file,
                ownCrop.argmax(), crop32.argmax(), crop64.argmax()));

        if (debug) {
            JsonObject d = root.getAsJsonObject("debug");
            double[] power = mfcc.melPower(signal);
            double[] refPower = values(d, tag + "_mel_power_f64");
            stats.f64(file + " mel_power_f64", refPower, power, 1e-6 * maxAbs(refPower));
            double[] db = Mfcc.decibels(power);
            stats.f64(file + " mel_db_f64", values(d, tag + "_mel_db_f64"), db, 1);
            double[] c0 = Arrays.copyOf(mfcc.cepstrum(db, frames), frames);
            stats.f64(file + " mfcc_c0_f64", values(d, tag + "_mfcc_c0_f64"), c0, 1);
        }
    }

    private static Mfcc.Crop checkCrop(Mfcc mfcc, int frames, int[] ref, String what) {
        Mfcc.Crop crop = mfcc.crop(frames, ref[0]);
        assertArrayEquals(ref, new int[] {crop.argmax(), crop.centre(), crop.start(), crop.stop()}, what);
        return crop;
    }

    /** Worst errors seen, for the summary line; every comparison fails at once when out of tolerance. */
    private static final class Stats {
        double worstF64Rel;
        double worstF32Abs;
        double worstF32MfccAbs;
        int f64Tensors;
        int f32Tensors;
        final StringBuilder centres = new StringBuilder();

        /** {@code |a - e| <= 1e-9 * max(|e|, floor)} for every value. */
        void f64(String what, double[] expected, double[] actual, double floor) {
            assertEquals(expected.length, actual.length, what + " size");
            f64Tensors++;
            for (int i = 0; i < expected.length; i++) {
                double rel = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor);
                if (!(rel <= F64_REL)) {
                    fail(String.format(Locale.ROOT, "%s: index %d expected %.17g, got %.17g (relative error %.2e "
                            + "> %.0e)", what, i, expected[i], actual[i], rel, F64_REL));
                }
                worstF64Rel = Math.max(worstF64Rel, rel);
            }
        }

        /** {@code |a - e| <= tol} for every value. */
        void f32(String what, double[] expected, double[] actual, double tol) {
            assertEquals(expected.length, actual.length, what + " size");
            f32Tensors++;
            for (int i = 0; i < expected.length; i++) {
                double err = Math.abs(actual[i] - expected[i]);
                if (!(err <= tol)) {
                    fail(String.format(Locale.ROOT, "%s: index %d expected %.9g, got %.9g (error %.2e > %.1e)",
                            what, i, expected[i], actual[i], err, tol));
                }
                if (what.endsWith(" mfcc_f32")) {
                    worstF32MfccAbs = Math.max(worstF32MfccAbs, err);
                } else {
                    worstF32Abs = Math.max(worstF32Abs, err);
                }
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d float64 tensors, worst relative error %.2e (tolerance %.0e); %d "
                    + "float32-path tensors, worst absolute error %.2e (MFCCs) and %.2e (standardised, images);%s",
                    f64Tensors, worstF64Rel, F64_REL, f32Tensors, worstF32MfccAbs, worstF32Abs, centres);
        }
    }

    private static double[] floats(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (float) v[i];
        }
        return r;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static JsonObject json(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return JsonParser.parseReader(r).getAsJsonObject();
        }
    }

    private static double[] values(JsonObject section, String name) {
        if (!section.has(name)) {
            fail("golden file has no debug." + name);
        }
        JsonArray a = section.getAsJsonObject(name).getAsJsonArray("values");
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }
}
