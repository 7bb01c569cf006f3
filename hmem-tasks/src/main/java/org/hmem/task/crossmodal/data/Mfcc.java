package org.hmem.task.crossmodal.data;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The reference's preprocessing of one FSDD recording into the 30 × 20 MFCC image the model sees (spec §6.3 steps
 * 1–6; torchaudio 0.7 {@code MFCC(sample_rate=8000, n_mfcc=21)}, then the dataset's standardisation and crop).
 *
 * <p>Everything up to the crop is computed in float64 and agrees with the reference's float64 path to about 1e-13
 * (relative); the image handed to the model is then rounded to float32, as the reference stores it. The reference
 * itself runs in float32 end to end, so its images differ from these by up to about 1e-4 (the golden files record
 * both paths).
 *
 * <p><b>Crop centre (decision, spec §13 item 19).</b> The reference centres the crop on the frame with the largest
 * sum of standardised coefficients. After the per-frame standardisation every such sum is zero up to rounding
 * (about 1e-6 in float32), so the centre is decided by rounding noise and no other implementation reproduces it. We
 * keep the formula rather than inventing a meaningful centre, to stay the same (noisy) function as the reference:
 * {@link #argmaxFrameSum} rounds the standardised values to float32, sums coefficients 0..19 of each frame in order
 * in float32, and takes the first maximum (torch.argmax semantics); {@link #crop} then applies the reference's clamps,
 * including its off-by-one ({@code e > F - 15 → e = F - 14}, which leaves a 29-frame crop with a trailing zero
 * column). The centre is a separate step so that tests can feed the reference's own centre and check the rest
 * exactly. Changing this rule changes the images: bump {@link #VERSION}.
 *
 * <p>Immutable in its settings, but not promised thread-safe: the JTransforms plan it holds makes no such promise,
 * so give each thread its own instance (construction costs well under a millisecond).
 */
public final class Mfcc {

    /** Version of this preprocessing; part of the FSDD cache key, so a change rebuilds every cache. */
    public static final int VERSION = 1;

    /** The sample rate the filter bank is built for (Hz). */
    public static final int SAMPLE_RATE = WavReader.SAMPLE_RATE;

    /** STFT length (samples): 50 ms. */
    public static final int N_FFT = 400;

    /** STFT hop (samples) and half the centre padding. */
    public static final int HOP = 200;

    /** One-sided frequency bins of the STFT. */
    public static final int BINS = N_FFT / 2 + 1;

    /** Mel filters (torchaudio's default; several low ones are empty at this resolution). */
    public static final int MELS = 128;

    /** Samples with {@code |x| <= TRIM_THRESHOLD} are trimmed at both ends. */
    public static final double TRIM_THRESHOLD = 1e-6;

    /** The dB spectrogram is clamped from below at its maximum minus this. */
    public static final double TOP_DB = 80;

    /** Power floor before the logarithm. */
    public static final double AMIN = 1e-10;

    /** The reference's {@code --num_mfcc} default. */
    public static final int DEFAULT_NUM_MFCC = 20;

    /** The reference's {@code --num_mfcc_time_samples} default. */
    public static final int DEFAULT_TIME_SAMPLES = 30;

    /** Where the reference's crop put its centre and which frames it copied. */
    public record Crop(int argmax, int centre, int start, int stop) {

        /** The number of frames copied into the image. */
        public int width() {
            return stop - start;
        }
    }

    private final int numMfcc;
    private final int timeSamples;
    private final double[] window = new double[N_FFT];
    private final int[] filterFirstBin = new int[MELS];
    private final double[][] filterWeights = new double[MELS][];
    private final double[] dct;
    private final DoubleFFT_1D fft = new DoubleFFT_1D(N_FFT);

    /** The reference's defaults: 20 coefficients, 30 frames. */
    public Mfcc() {
        this(DEFAULT_NUM_MFCC, DEFAULT_TIME_SAMPLES);
    }

    /**
     * @param numMfcc coefficients kept ({@code --num_mfcc}); {@code numMfcc + 1} are computed and c0 is dropped
     * @param timeSamples frames of the image ({@code --num_mfcc_time_samples})
     */
    public Mfcc(int numMfcc, int timeSamples) {
        if (numMfcc < 2 || numMfcc + 1 > MELS) {
            throw new IllegalArgumentException("num_mfcc must be in 2.." + (MELS - 1) + ", got " + numMfcc);
        }
        if (timeSamples < 2) {
            throw new IllegalArgumentException("num_mfcc_time_samples must be >= 2, got " + timeSamples);
        }
        this.numMfcc = numMfcc;
        this.timeSamples = timeSamples;
        for (int n = 0; n < N_FFT; n++) {
            window[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / N_FFT); // periodic Hann
        }
        buildFilters();
        dct = dctMatrix(numMfcc + 1);
    }

    /** Coefficients per frame of the image. */
    public int numMfcc() {
        return numMfcc;
    }

    /** Frames of the image. */
    public int timeSamples() {
        return timeSamples;
    }

    /** Floats per image: {@code timeSamples × numMfcc}. */
    public int imageSize() {
        return timeSamples * numMfcc;
    }

    /**
     * The whole pipeline: writes the image of a recording, time-major ({@code out[off + t * numMfcc + c]}, the
     * reference's transposed {@code (1, 30, 20)} layout), as float32.
     *
     * @param name the recording, for the message if it is too short
     * @return the crop that was used
     * @throws CrossModalDataException if the trimmed recording is too short for the STFT's reflect padding
     */
    public Crop preprocess(short[] pcm, String name, float[] out, int off) {
        double[] signal = trim(samples(pcm));
        if (signal.length <= HOP) {
            throw new CrossModalDataException("recording " + name + " has " + signal.length
                    + " samples after trimming silence; at least " + (HOP + 1) + " are needed (a spoken digit "
                    + "lasts about 4000)");
        }
        int frames = numFrames(signal.length);
        double[] standardised = standardise(mfcc(signal), numMfcc);
        Crop crop = crop(frames, argmaxFrameSum(standardised, numMfcc));
        transposed(image(standardised, frames, crop), out, off);
        return crop;
    }

    /** Step 1: 16-bit PCM as float in [-1, 1). */
    public static double[] samples(short[] pcm) {
        double[] x = new double[pcm.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pcm[i] / 32768.0;
        }
        return x;
    }

    /** Step 2: drops the samples with {@code |x| <= 1e-6} at both ends (for 16-bit PCM: exact zeros). */
    public static double[] trim(double[] x) {
        int first = 0;
        while (first < x.length && Math.abs(x[first]) <= TRIM_THRESHOLD) {
            first++;
        }
        int end = x.length;
        while (end > first && Math.abs(x[end - 1]) <= TRIM_THRESHOLD) {
            end--;
        }
        return java.util.Arrays.copyOfRange(x, first, end);
    }

    /** STFT frames of a signal of {@code length} samples with centre padding: {@code 1 + length / 200}. */
    public static int numFrames(int length) {
        return 1 + length / HOP;
    }

    /** Step 3 without the dB and DCT: the mel power spectrogram, {@code [MELS][frames]} row-major. */
    public double[] melPower(double[] signal) {
        int len = signal.length;
        if (len <= HOP) {
            throw new IllegalArgumentException("reflect padding by " + HOP + " needs more than " + HOP
                    + " samples, got " + len);
        }
        int frames = numFrames(len);
        double[] mel = new double[MELS * frames];
        double[] frame = new double[N_FFT];
        double[] power = new double[BINS];
        for (int t = 0; t < frames; t++) {
            for (int n = 0; n < N_FFT; n++) {
                frame[n] = signal[reflect(t * HOP + n - HOP, len)] * window[n];
            }
            fft.realForward(frame); // packed: [re0, re200, re1, im1, ..., re199, im199]
            power[0] = frame[0] * frame[0];
            power[BINS - 1] = frame[1] * frame[1];
            for (int k = 1; k < BINS - 1; k++) {
                power[k] = frame[2 * k] * frame[2 * k] + frame[2 * k + 1] * frame[2 * k + 1];
            }
            for (int m = 0; m < MELS; m++) {
                double[] w = filterWeights[m];
                int first = filterFirstBin[m];
                double sum = 0;
                for (int j = 0; j < w.length; j++) {
                    sum += power[first + j] * w[j];
                }
                mel[m * frames + t] = sum;
            }
        }
        return mel;
    }

    /** {@code 10 log10(max(x, 1e-10))}, clamped from below at the maximum minus 80 dB; same layout. */
    public static double[] decibels(double[] melPower) {
        double[] db = new double[melPower.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < db.length; i++) {
            db[i] = 10 * Math.log10(Math.max(melPower[i], AMIN));
            max = Math.max(max, db[i]);
        }
        double floor = max - TOP_DB;
        for (int i = 0; i < db.length; i++) {
            db[i] = Math.max(db[i], floor);
        }
        return db;
    }

    /** The orthonormal DCT-II of each frame of a dB spectrogram: {@code [numMfcc + 1][frames]}, c0 included. */
    public double[] cepstrum(double[] melDb, int frames) {
        int coefficients = numMfcc + 1;
        double[] c = new double[coefficients * frames];
        for (int k = 0; k < coefficients; k++) {
            for (int t = 0; t < frames; t++) {
                double sum = 0;
                for (int m = 0; m < MELS; m++) {
                    sum += melDb[m * frames + t] * dct[k * MELS + m];
                }
                c[k * frames + t] = sum;
            }
        }
        return c;
    }

    /** Step 3: the MFCCs without c0, {@code [numMfcc][frames]} row-major. */
    public double[] mfcc(double[] signal) {
        int frames = numFrames(signal.length);
        double[] c = cepstrum(decibels(melPower(signal)), frames);
        return java.util.Arrays.copyOfRange(c, frames, c.length);
    }

    /**
     * Step 4: each frame (column) of {@code [rows][frames]} minus its mean, divided by its unbiased standard
     * deviation.
     */
    public static double[] standardise(double[] mfcc, int rows) {
        int frames = mfcc.length / rows;
        double[] z = new double[mfcc.length];
        for (int t = 0; t < frames; t++) {
            double sum = 0;
            for (int c = 0; c < rows; c++) {
                sum += mfcc[c * frames + t];
            }
            double mean = sum / rows;
            double squares = 0;
            for (int c = 0; c < rows; c++) {
                double d = mfcc[c * frames + t] - mean;
                squares += d * d;
            }
            double std = Math.sqrt(squares / (rows - 1));
            for (int c = 0; c < rows; c++) {
                z[c * frames + t] = (mfcc[c * frames + t] - mean) / std;
            }
        }
        return z;
    }

    /**
     * The reference's crop centre before clamping: the first frame with the largest float32 sum of its float32
     * standardised coefficients, summed in coefficient order (see the class comment: this is rounding noise).
     */
    public static int argmaxFrameSum(double[] standardised, int rows) {
        int frames = standardised.length / rows;
        int best = 0;
        float bestSum = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            float sum = 0;
            for (int c = 0; c < rows; c++) {
                sum += (float) standardised[c * frames + t];
            }
            if (sum > bestSum) {
                bestSum = sum;
                best = t;
            }
        }
        return best;
    }

    /**
     * Step 5's window: the reference's clamps of the centre and the frames copied, for a recording of
     * {@code frames} frames whose frame sums peak at {@code argmax}.
     */
    public Crop crop(int frames, int argmax) {
        int half = timeSamples / 2;
        int e = argmax;
        if (e > frames - half) {
            e = frames - half + 1; // the reference's off-by-one: one frame short at the end
        }
        if (e < half) {
            e = half;
        }
        if (frames > timeSamples) {
            return new Crop(argmax, e, Math.max(0, e - half), Math.min(frames, e + half));
        }
        return new Crop(argmax, e, 0, frames);
    }

    /**
     * Step 5: the frames {@code crop.start() .. crop.stop()} of {@code [numMfcc][frames]}, left-aligned in a zero
     * {@code [numMfcc][timeSamples]} array.
     */
    public double[] image(double[] standardised, int frames, Crop crop) {
        if (standardised.length != numMfcc * frames || crop.width() > timeSamples) {
            throw new IllegalArgumentException("expected " + numMfcc + " x " + frames + " values and a crop of at "
                    + "most " + timeSamples + " frames");
        }
        double[] img = new double[numMfcc * timeSamples];
        for (int c = 0; c < numMfcc; c++) {
            System.arraycopy(standardised, c * frames + crop.start(), img, c * timeSamples, crop.width());
        }
        return img;
    }

    /** Step 6: {@code [numMfcc][timeSamples]} transposed to time-major float32 at {@code out[off ..]}. */
    public void transposed(double[] image, float[] out, int off) {
        for (int t = 0; t < timeSamples; t++) {
            for (int c = 0; c < numMfcc; c++) {
                out[off + t * numMfcc + c] = (float) image[c * timeSamples + t];
            }
        }
    }

    private static int reflect(int i, int len) {
        if (i < 0) {
            return -i;
        }
        return i >= len ? 2 * (len - 1) - i : i;
    }

    /**
     * torchaudio's HTK mel filter bank (no area normalisation) over the bin frequencies {@code linspace(0, 4000,
     * 201)}, stored sparsely: each filter's non-zero run of bins. Skipping the zero weights leaves every sum
     * unchanged.
     */
    private void buildFilters() {
        double[] binFreq = linspace(0, SAMPLE_RATE / 2.0, BINS);
        double[] melPoints = linspace(hzToMel(0), hzToMel(SAMPLE_RATE / 2.0), MELS + 2);
        double[] f = new double[MELS + 2];
        for (int i = 0; i < f.length; i++) {
            f[i] = 700.0 * (Math.pow(10, melPoints[i] / 2595.0) - 1.0);
        }
        double[] full = new double[BINS];
        for (int m = 0; m < MELS; m++) {
            int first = -1;
            int last = -2;
            for (int b = 0; b < BINS; b++) {
                double rising = (binFreq[b] - f[m]) / (f[m + 1] - f[m]);
                double falling = (f[m + 2] - binFreq[b]) / (f[m + 2] - f[m + 1]);
                full[b] = Math.max(0, Math.min(rising, falling));
                if (full[b] > 0) {
                    first = first < 0 ? b : first;
                    last = b;
                }
            }
            filterFirstBin[m] = Math.max(first, 0);
            filterWeights[m] = first < 0 ? new double[0] : java.util.Arrays.copyOfRange(full, first, last + 1);
        }
    }

    private static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    /** torch.linspace in float64: the first half counted up from the start, the second half down from the end. */
    static double[] linspace(double start, double end, int steps) {
        double step = (end - start) / (steps - 1);
        double[] v = new double[steps];
        for (int i = 0; i < steps; i++) {
            v[i] = i < steps / 2 ? start + step * i : end - step * (steps - 1 - i);
        }
        return v;
    }

    /** torchaudio's orthonormal DCT-II matrix, {@code [coefficients][MELS]}. */
    private static double[] dctMatrix(int coefficients) {
        double[] d = new double[coefficients * MELS];
        for (int k = 0; k < coefficients; k++) {
            double scale = Math.sqrt(2.0 / MELS) * (k == 0 ? 1 / Math.sqrt(2) : 1);
            for (int m = 0; m < MELS; m++) {
                d[k * MELS + m] = Math.cos(Math.PI / MELS * (m + 0.5) * k) * scale;
            }
        }
        return d;
    }
}
