package org.hmem.task.crossmodal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The steps of the MFCC preprocessing that the golden files cannot pin down alone: the crop rules at every clamp,
 * the argmax tie rule, the standardisation, trimming, the layout, and the refusal of too short recordings. (The
 * values themselves are checked against the reference in {@code MfccGolden}.)
 */
class MfccTest {

    private final Mfcc mfcc = new Mfcc();

    @Test
    void shortRecordingsAreNotCroppedButPaddedOnTheRight() {
        assertEquals(new Mfcc.Crop(10, 15, 0, 19), mfcc.crop(19, 10));
        assertEquals(new Mfcc.Crop(0, 15, 0, 30), mfcc.crop(30, 0));
        assertEquals(new Mfcc.Crop(29, 16, 0, 30), mfcc.crop(30, 29)); // clamped to F - 14, then no crop anyway
    }

    @Test
    void longRecordingsAreCroppedAroundTheClampedCentre() {
        assertEquals(new Mfcc.Crop(17, 17, 2, 32), mfcc.crop(32, 17)); // inside: 30 frames
        assertEquals(new Mfcc.Crop(3, 15, 0, 30), mfcc.crop(40, 3)); // low clamp: 30 frames from 0
        assertEquals(new Mfcc.Crop(25, 25, 10, 40), mfcc.crop(40, 25)); // e = F - 15 is not clamped
        // the reference's off-by-one: e > F - 15 becomes F - 14, and only 29 frames remain
        Mfcc.Crop clamped = mfcc.crop(37, 33);
        assertEquals(new Mfcc.Crop(33, 23, 8, 37), clamped);
        assertEquals(29, clamped.width());
    }

    @Test
    void theImageIsLeftAlignedZeroPaddedAndTransposedToTimeMajor() {
        int frames = 37;
        double[] z = new double[20 * frames];
        for (int c = 0; c < 20; c++) {
            for (int t = 0; t < frames; t++) {
                z[c * frames + t] = 100 * c + t + 0.25;
            }
        }
        double[] img = mfcc.image(z, frames, mfcc.crop(frames, 33));
        assertEquals(8.25, img[0]);
        assertEquals(100 * 19 + 36.25, img[19 * 30 + 28]);
        assertEquals(0, img[19 * 30 + 29], "trailing column of a 29-frame crop");
        float[] out = new float[601];
        mfcc.transposed(img, out, 1);
        assertEquals(0, out[0]);
        assertEquals(100 * 3 + 8 + 5 + 0.25f, out[1 + 5 * 20 + 3]);
        assertEquals(0f, out[1 + 29 * 20 + 7]);
    }

    @Test
    void theCentreIsTheFirstLargestFloat32FrameSum() {
        // frame sums 1, 3, 3, 2: first maximum is frame 1
        double[] z = {1, 1, 1, 1, 0, 2, 2, 1};
        assertEquals(1, Mfcc.argmaxFrameSum(z, 2));
        // differences below float32 resolution tie, so the first frame wins
        double[] tiny = {1, 1 + 1e-12, 0, 0};
        assertEquals(0, Mfcc.argmaxFrameSum(tiny, 2));
    }

    @Test
    void standardisingGivesEachFrameMeanZeroAndUnbiasedStdOne() {
        int rows = 20;
        int frames = 3;
        double[] x = new double[rows * frames];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i * 1.7) * (1 + i % 5) + i % 3;
        }
        double[] z = Mfcc.standardise(x, rows);
        for (int t = 0; t < frames; t++) {
            double sum = 0;
            double sq = 0;
            for (int c = 0; c < rows; c++) {
                sum += z[c * frames + t];
                sq += z[c * frames + t] * z[c * frames + t];
            }
            assertEquals(0, sum, 1e-12);
            assertEquals(1, sq / (rows - 1), 1e-12);
        }
    }

    @Test
    void trimsOnlyTheSilentEnds() {
        double[] x = Mfcc.samples(new short[] {0, 0, 5, 0, -3, 0});
        assertArrayEquals(new double[] {5 / 32768.0, 0, -3 / 32768.0}, Mfcc.trim(x));
        assertEquals(0, Mfcc.trim(new double[] {0, 0}).length);
    }

    @Test
    void framesFollowTheCentredStft() {
        assertEquals(26, Mfcc.numFrames(5148));
        assertEquals(2, Mfcc.numFrames(201));
        double[] x = new double[401];
        x[200] = 0.5;
        assertEquals(Mfcc.MELS * 3, mfcc.melPower(x).length);
    }

    @Test
    void anImpulseHasAFlatSpectrumInTheFrameCentredOnIt() {
        double[] x = new double[1000];
        x[400] = 1; // frame t holds samples 200 t - 200 .. 200 t + 199: sample 200 of frame 2, sample 0 of frame 3
        double[] power = mfcc.melPower(x);
        int frames = Mfcc.numFrames(x.length);
        // the periodic Hann window is exactly 1 at n = 200, so every bin of frame 2 has power 1 and each filter gives
        // the sum of its weights: the top filter rises from 3864 to 3931 Hz and falls to 4000 Hz, which at 20 Hz
        // per bin is about 3.4 bins' worth
        double top = power[(Mfcc.MELS - 1) * frames + 2];
        assertEquals(3.36, top, 0.05);
        for (int m = 0; m < Mfcc.MELS; m++) {
            assertEquals(0, power[m * frames], "frame 0 does not reach sample 400");
            assertEquals(0, power[m * frames + 3], 1e-30, "the window is 0 at n = 0");
            assertTrue(power[m * frames + 2] >= 0);
        }
    }

    @Test
    void refusesRecordingsTooShortForTheReflectPadding() {
        short[] pcm = new short[300];
        pcm[10] = 100;
        pcm[200] = 100; // 191 samples after trimming
        CrossModalDataException e = assertThrows(CrossModalDataException.class,
                () -> mfcc.preprocess(pcm, "9_x_1.wav", new float[600], 0));
        assertTrue(e.getMessage().contains("9_x_1.wav has 191 samples after trimming"), e.getMessage());
    }

    @Test
    void otherImageSizesFollowTheFlags() {
        Mfcc small = new Mfcc(12, 20);
        assertEquals(240, small.imageSize());
        short[] pcm = WavFixtures.tone(4, 6000, 3);
        float[] out = new float[240];
        Mfcc.Crop crop = small.preprocess(pcm, "4_x_0.wav", out, 0);
        assertEquals(20, crop.width());
        double sum = 0;
        for (int c = 0; c < 12; c++) {
            sum += out[3 * 12 + c];
        }
        assertEquals(0, sum, 1e-5, "each frame is standardised over its 12 coefficients");
    }
}
