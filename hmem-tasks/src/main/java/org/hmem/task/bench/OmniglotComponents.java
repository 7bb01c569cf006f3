package org.hmem.task.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.hmem.engine.conv.SpikingImageEncoder;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.simd.Simd;
import org.hmem.task.bench.EpisodeBenchmark.Config;
import org.hmem.task.bench.EpisodeBenchmark.Variant;
import org.hmem.task.omniglot.OmniglotModel;
import org.hmem.task.omniglot.OmniglotModelConfig;
import org.hmem.task.omniglot.data.EpisodeSampler;
import org.hmem.task.omniglot.data.Episodes;
import org.hmem.task.omniglot.data.OmniglotSplit;

/**
 * How the time of a spiking Omniglot episode splits between the CNN, the memory network and backward, on one
 * thread. Four measurements:
 * <ul>
 * <li>CNN forward per image: {@link SpikingImageEncoder#forward} of real images at T 100 (the trainable model's CNN);
 * <li>CNN forward + backward per image: the same, then {@link SpikingImageEncoder#backward} with a fixed random
 * output gradient (the tape holds the image, so backward does not rerun the forward);
 * <li>memory forward per episode: the {@code cached} variant's forward (everything but the CNN: cache reads, label
 * encoding, writing and reading, output);
 * <li>memory train per episode: the {@code cached} variant's training iteration (two memory forwards, the memory
 * backward, the regulariser, clipping and Adam).
 * </ul>
 *
 * <p>The breakdown is derived from them by counting what the model does per episode. A training iteration runs
 * the forward of every sample twice (the regulariser's counting pass, then the pass that backpropagates); the
 * second takes the CNN outputs from the model's memo of the first, so only the first runs the CNN. The backward then
 * needs each image's CNN record, and a worker's tape holds one image ({@code SpikingImageEncoder.backward}
 * recomputes the forward of an image it does not hold), which after a pass without CNN is another sample's image:
 * all 6 images of the episode are recomputed. So per training episode of N = 5 ways the trainable model runs
 * 6 + 6 = 12 CNN forwards and 6 CNN backwards (CNN backward = forward+backward minus forward), 2 memory forwards and
 * one memory backward (memory train minus 2 memory forwards); the frozen one 6 CNN forwards and the memory part; a
 * forward pass 6 CNN forwards and one memory forward. The sums predict the 1-thread rates of the grid's
 * {@code trainable} and {@code frozen} rows; a gap between predicted and measured is time spent elsewhere (data,
 * batch bookkeeping), noise, or a change of the model that these counts have not followed.
 *
 * @param batch the batch of the {@code cached} measurements
 * @param cnnForwardMs CNN forward, milliseconds per image
 * @param cnnForwardBackwardMs CNN forward and backward, milliseconds per image
 * @param memoryForwardMs memory forward, milliseconds per episode
 * @param memoryTrainMs memory training iteration, milliseconds per episode
 * @param backgroundCores the most CPU other processes used during any of the four timed phases, in cores
 */
public record OmniglotComponents(int batch, double cnnForwardMs, double cnnForwardBackwardMs, double memoryForwardMs,
                                 double memoryTrainMs, double backgroundCores) {

    /** Images per episode (N support images and the query). */
    private static final int IMAGES = 6;
    /** CNN forwards per training episode of the trainable model: the counting pass, and recomputed for backward. */
    static final int TRAIN_CNN_FORWARDS = 2 * IMAGES;
    /** CNN forwards per training episode of the frozen model: the counting pass only (no CNN backward). */
    static final int FROZEN_CNN_FORWARDS = IMAGES;

    public double cnnBackwardMs() {
        return cnnForwardBackwardMs - cnnForwardMs;
    }

    public double memoryBackwardMs() {
        return memoryTrainMs - 2 * memoryForwardMs;
    }

    /** Predicted milliseconds per training episode of the trainable model. */
    public double trainableTrainMs() {
        return TRAIN_CNN_FORWARDS * cnnForwardMs + IMAGES * cnnBackwardMs() + memoryTrainMs;
    }

    /** Predicted milliseconds per training episode of the frozen model without cache. */
    public double frozenTrainMs() {
        return FROZEN_CNN_FORWARDS * cnnForwardMs + memoryTrainMs;
    }

    /** Predicted milliseconds per forward episode of the spiking model without cache. */
    public double forwardMs() {
        return IMAGES * cnnForwardMs + memoryForwardMs;
    }

    /** Measures in this JVM on one thread; the {@code cached} measurements use {@code batch}. */
    public static OmniglotComponents measure(OmniglotSetup setup, BenchSettings s, int batch) {
        OmniglotSplit split = setup.trainSplit();
        EpisodeSampler sampler = setup.sampler(split);
        OmniglotModel model = setup.spikingModel(false, s.seed());
        SpikingImageEncoder encoder = model.imageEncoder();
        SpikingImageEncoder.Tape tape = encoder.newTape();
        Gradients grads = new Gradients(encoder.parameters());
        int size = encoder.imageSize();
        float[] pixels = new float[IMAGES * size];
        float[] gOut = new float[model.config().numTimeSteps() * OmniglotModelConfig.EMBEDDING];
        SplittableRandom rng = new SplittableRandom(s.seed());
        for (int i = 0; i < gOut.length; i++) {
            gOut[i] = (float) (rng.nextDouble() * 2 - 1) * 1e-3f;
        }
        int[] episode = {0};
        Measurement forward = TimedLoop.run(s.repetitions(), IMAGES, () -> {
            episodeImages(split, sampler.batch(2, episode[0]++, 1), pixels);
            return () -> {
                for (int k = 0; k < IMAGES; k++) {
                    encoder.forward(pixels, k * size, tape);
                }
            };
        }, false);
        Measurement forwardBackward = TimedLoop.run(s.repetitions(), IMAGES, () -> {
            episodeImages(split, sampler.batch(2, episode[0]++, 1), pixels);
            grads.zero();
            return () -> {
                for (int k = 0; k < IMAGES; k++) {
                    encoder.forward(pixels, k * size, tape);
                    encoder.backward(pixels, k * size, gOut, 0, tape, grads);
                }
            };
        }, false);
        Measurement memoryForward = OmniglotBenchmark.measure(new Config(Variant.CACHED, Mode.FORWARD, batch, 1), s,
                setup, split, false).measurement();
        Measurement memoryTrain = OmniglotBenchmark.measure(new Config(Variant.CACHED, Mode.TRAIN, batch, 1), s,
                setup, split, false).measurement();
        double background = 0;
        for (Measurement m : List.of(forward, forwardBackward, memoryForward, memoryTrain)) {
            background = Math.max(background, m.backgroundCores());
        }
        return new OmniglotComponents(batch, ms(forward), ms(forwardBackward), ms(memoryForward), ms(memoryTrain),
                background);
    }

    /** Milliseconds per item at the median rate. */
    private static double ms(Measurement m) {
        return 1e3 / m.rates().median();
    }

    /** The support images and the query of the batch's one episode into {@code pixels}, image after image. */
    private static void episodeImages(OmniglotSplit split, Episodes e, float[] pixels) {
        int size = pixels.length / IMAGES;
        for (int k = 0; k < IMAGES - 1; k++) {
            split.pixels(e.supportItem(0, k), pixels, k * size);
        }
        split.pixels(e.query()[0], pixels, (IMAGES - 1) * size);
    }

    /** Measures in a fresh child JVM (nothing else compiled or allocated there). */
    public static OmniglotComponents measureForked(OmniglotSetup setup, BenchSettings s, int batch)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(Integer.toString(batch)));
        args.addAll(s.toArgs());
        args.addAll(setup.toArgs());
        return parse(ChildJvm.run(OmniglotComponents.class, args, "the components"));
    }

    /** One JSON object (one line): the measurements, what is derived from them, the CPU of other processes. */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("measurement", "components");
        o.addProperty("batch", batch);
        o.addProperty("threads", 1);
        o.addProperty("cnn_forward_ms_per_image", Measurement.round(cnnForwardMs));
        o.addProperty("cnn_forward_backward_ms_per_image", Measurement.round(cnnForwardBackwardMs));
        o.addProperty("cnn_backward_ms_per_image", Measurement.round(cnnBackwardMs()));
        o.addProperty("memory_forward_ms_per_episode", Measurement.round(memoryForwardMs));
        o.addProperty("memory_train_ms_per_episode", Measurement.round(memoryTrainMs));
        o.addProperty("memory_backward_ms_per_episode", Measurement.round(memoryBackwardMs()));
        o.addProperty("predicted_trainable_train_episodes_per_s", Measurement.round(1e3 / trainableTrainMs()));
        o.addProperty("predicted_frozen_train_episodes_per_s", Measurement.round(1e3 / frozenTrainMs()));
        o.addProperty("predicted_forward_episodes_per_s", Measurement.round(1e3 / forwardMs()));
        o.addProperty("background_cpu_cores_max", Measurement.round(backgroundCores));
        o.addProperty("simd", Simd.enabled());
        return o.toString();
    }

    /** Reads back a {@link #toJson} line. */
    static OmniglotComponents parse(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        return new OmniglotComponents(o.get("batch").getAsInt(), o.get("cnn_forward_ms_per_image").getAsDouble(),
                o.get("cnn_forward_backward_ms_per_image").getAsDouble(),
                o.get("memory_forward_ms_per_episode").getAsDouble(),
                o.get("memory_train_ms_per_episode").getAsDouble(), o.get("background_cpu_cores_max").getAsDouble());
    }

    /** The breakdown as a table: milliseconds per episode and share of each part, per kind of episode. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# time per episode, 1 thread (CNN per image: forward %.2f ms, "
                + "forward+backward %.2f ms; cached model per episode at batch %d: forward %.2f ms, train %.2f ms; "
                + "other processes up to %.2f cores)%n", cnnForwardMs, cnnForwardBackwardMs, batch, memoryForwardMs,
                memoryTrainMs, backgroundCores));
        sb.append(String.format(Locale.ROOT, "%-36s %18s %18s %18s%n", "part", "trainable train", "frozen train",
                "forward"));
        double[] totals = {trainableTrainMs(), frozenTrainMs(), forwardMs()};
        row(sb, String.format(Locale.ROOT, "CNN forward (%d / %d / %d images)", TRAIN_CNN_FORWARDS,
                FROZEN_CNN_FORWARDS, IMAGES), totals, TRAIN_CNN_FORWARDS * cnnForwardMs,
                FROZEN_CNN_FORWARDS * cnnForwardMs, IMAGES * cnnForwardMs);
        row(sb, "memory forward (2 / 2 / 1 passes)", totals, 2 * memoryForwardMs, 2 * memoryForwardMs,
                memoryForwardMs);
        row(sb, "memory backward", totals, memoryBackwardMs(), memoryBackwardMs(), Double.NaN);
        row(sb, "CNN backward (" + IMAGES + " images)", totals, IMAGES * cnnBackwardMs(), Double.NaN, Double.NaN);
        row(sb, "total, predicted", totals, totals);
        sb.append(String.format(Locale.ROOT, "%-36s %18.2f %18.2f %18.2f%n", "episodes/s, predicted",
                1e3 / totals[0], 1e3 / totals[1], 1e3 / totals[2]));
        return sb.toString();
    }

    /** One part's milliseconds and share of the total per column; NaN where the part does not occur. */
    private static void row(StringBuilder sb, String part, double[] totals, double... ms) {
        sb.append(String.format(Locale.ROOT, "%-36s", part));
        for (int i = 0; i < ms.length; i++) {
            sb.append(Double.isNaN(ms[i]) ? String.format(Locale.ROOT, " %18s", "-")
                    : String.format(Locale.ROOT, " %10.1f ms %4.0f%%", ms[i], 100 * ms[i] / totals[i]));
        }
        sb.append(System.lineSeparator());
    }

    /**
     * Child entry point used by {@link #measureForked}: {@code batch}, the settings ({@link BenchSettings#toArgs})
     * and the setup ({@link OmniglotSetup#toArgs}); prints one JSON line.
     */
    public static void main(String[] a) {
        if (a.length != 1 + BenchSettings.ARGS + OmniglotSetup.ARGS) {
            System.err.println("usage: OmniglotComponents batch warmupReps warmupSeconds minReps minSeconds "
                    + "maxSeconds floorReps seed l2 maxGradNorm learningRate dataDir protonetFile splitCacheDir|-");
            System.exit(2);
        }
        System.out.println(measure(OmniglotSetup.fromArgs(a, 1 + BenchSettings.ARGS),
                BenchSettings.fromArgs(a, 1), Integer.parseInt(a[0])).toJson());
    }
}
