package org.hmem.engine.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.imageio.ImageIO;

import org.hmem.engine.golden.GoldenFiles;
import org.hmem.engine.init.Init;
import org.hmem.engine.io.Safetensors;
import org.hmem.engine.loss.PrototypicalLoss;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.tensor.Tensor;
import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtoNetTest {

    @Test
    void stateDictKeysFollowTheReference() {
        ProtoNet plain = new ProtoNet(false);
        assertEquals(List.of("encoder.0.0.weight", "encoder.1.0.weight", "encoder.2.0.weight", "encoder.3.0.weight"),
                List.copyOf(plain.namedParameters().keySet()));
        assertArrayEquals(new int[] {64, 1, 3, 3}, plain.conv(0).weight().shape());
        assertArrayEquals(new int[] {64, 64, 3, 3}, plain.conv(3).weight().shape());
        ProtoNet bn = new ProtoNet(true);
        List<String> names = List.copyOf(bn.namedParameters().keySet());
        assertEquals(24, names.size());
        assertEquals(List.of("encoder.0.0.weight", "encoder.0.1.weight", "encoder.0.1.bias",
                "encoder.0.1.running_mean", "encoder.0.1.running_var", "encoder.0.1.num_batches_tracked",
                "encoder.1.0.weight"), names.subList(0, 7));
        assertEquals(12, bn.parameters().stream().filter(Parameter::trainable).count(), "conv and affine weights");
        ProtoNet nested = new ProtoNet("images_embedding_layer", 1, 64, true, false);
        assertEquals("images_embedding_layer.encoder.2.1.running_var", nested.batchNorm(2).runningVar().name());
        assertTrue(nested.parameters().stream().noneMatch(Parameter::trainable), "a frozen encoder");
    }

    @Test
    void outputIs64ForImagesAndMfccMaps() {
        ProtoNet net = new ProtoNet(false);
        assertEquals(64, net.outputSize(28, 28));
        assertEquals(64, net.outputSize(30, 20));
        assertThrows(IllegalArgumentException.class, () -> net.forward(new float[15 * 15], 1, 15, 15, false,
                net.newTape(), null));
    }

    @ParameterizedTest
    @CsvSource({"false, 1, 16, 16", "true, 1, 16, 16", "false, 1, 30, 20"})
    void endToEndGradientsMatchFiniteDifferences(boolean batchNorm, int in, int height, int width) {
        int batch = 2, channels = 3;
        ProtoNet net = tiny(in, channels, batchNorm, 5);
        SplittableRandom rng = new SplittableRandom(6);
        float[] x = GradientCheck.uniform(rng, batch * in * height * width, 0, 1);
        int outSize = net.outputSize(height, width);
        assertEquals(channels * ProtoNet.reducedSize(height) * ProtoNet.reducedSize(width), outSize);
        float[] r = GradientCheck.uniform(rng, batch * outSize, -1, 1);
        ProtoNet.Tape tape = net.newTape();
        float[] out = net.forward(x, batch, height, width, true, tape, null);
        assertTrue(nonZero(out, batch * outSize) > 0, "a silent network would test nothing");
        Gradients grads = new Gradients(net.parameters());
        float[] gx = new float[x.length];
        net.backward(tape, r, grads, gx, null);
        grads.addTo();
        DoubleSupplier loss = () -> GradientCheck.dot(net.forward(x, batch, height, width, true, net.newTape(), null),
                r, batch * outSize);
        GradientCheck.check("dL/dx", x, gx, loss, 1e-4f, 1e-2);
        for (Parameter p : net.parameters()) {
            if (p.trainable()) {
                GradientCheck.check("dL/d" + p.name(), p.data(), p.grad(), loss, 1e-4f, 1e-2);
            }
        }
    }

    /**
     * Two input channels and a 2x2 (2x1) map after the last pool, where the input and the embeddings are transposed
     * between the caller's channel-major layout and the channel-last one inside: the forward against the definition
     * (convolution, ReLU, pool in double, flattened channel-major), and the backward by Euler's identity: without
     * batch norm the net is positively homogeneous of degree one in its input and in each layer's weights, so
     * {@code sum x dL/dx = L} and {@code sum W dL/dW = L} for {@code L = <embeddings, r>} exactly, with no finite
     * differences (which would cross the many ReLU and pool kinks of a net this size).
     */
    @ParameterizedTest
    @CsvSource({"32, 32", "35, 16"})
    void multiChannelInputsAndMultiPositionEmbeddingsKeepTheirLayout(int height, int width) {
        int batch = 2, in = 2, channels = 3;
        ProtoNet net = tiny(in, channels, false, 5);
        SplittableRandom rng = new SplittableRandom(6);
        float[] x = GradientCheck.uniform(rng, batch * in * height * width, 0, 1);
        int outSize = net.outputSize(height, width);
        float[] out = net.forward(x, batch, height, width, true, net.newTape(), null).clone();
        double[] expected = naiveEmbeddings(net, x, batch, height, width);
        for (int i = 0; i < batch * outSize; i++) {
            assertEquals(expected[i], out[i], 1e-4 * (1 + Math.abs(expected[i])), "embedding " + i);
        }
        float[] r = GradientCheck.uniform(rng, batch * outSize, -1, 1);
        ProtoNet.Tape tape = net.newTape();
        net.forward(x, batch, height, width, true, tape, null);
        Gradients grads = new Gradients(net.parameters());
        float[] gx = new float[x.length];
        net.backward(tape, r, grads, gx, null);
        grads.addTo();
        double loss = GradientCheck.dot(out, r, batch * outSize);
        assertEquals(loss, GradientCheck.dot(gx, x, x.length), 1e-4 * (1 + Math.abs(loss)), "sum x dL/dx");
        for (int l = 0; l < ProtoNet.BLOCKS; l++) {
            Parameter wl = net.conv(l).weight();
            assertEquals(loss, GradientCheck.dot(wl.grad(), wl.data(), wl.size()), 1e-4 * (1 + Math.abs(loss)),
                    "sum W dL/dW, block " + l);
        }
    }

    /** The ProtoNet without batch norm by its definition on channel-major tensors, in double. */
    private static double[] naiveEmbeddings(ProtoNet net, float[] x, int batch, int height, int width) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        int h = height, w = width, in = net.inChannels();
        for (int l = 0; l < ProtoNet.BLOCKS; l++) {
            int out = net.channels();
            float[] wt = net.conv(l).weight().data();
            double[] conv = new double[batch * out * h * w];
            for (int b = 0; b < batch; b++) {
                for (int o = 0; o < out; o++) {
                    for (int r = 0; r < h; r++) {
                        for (int c = 0; c < w; c++) {
                            double s = 0;
                            for (int i = 0; i < in; i++) {
                                for (int u = 0; u < 3; u++) {
                                    for (int v = 0; v < 3; v++) {
                                        int rr = r + u - 1, cc = c + v - 1;
                                        if (rr >= 0 && rr < h && cc >= 0 && cc < w) {
                                            s += wt[((o * in + i) * 3 + u) * 3 + v] * a[((b * in + i) * h + rr) * w + cc];
                                        }
                                    }
                                }
                            }
                            conv[((b * out + o) * h + r) * w + c] = Math.max(s, 0);
                        }
                    }
                }
            }
            int ho = h / 2, wo = w / 2;
            a = new double[batch * out * ho * wo];
            for (int p = 0; p < batch * out; p++) {
                for (int r = 0; r < ho; r++) {
                    for (int c = 0; c < wo; c++) {
                        int i = (p * h + 2 * r) * w + 2 * c;
                        a[(p * ho + r) * wo + c] = Math.max(Math.max(conv[i], conv[i + 1]),
                                Math.max(conv[i + w], conv[i + w + 1]));
                    }
                }
            }
            h = ho;
            w = wo;
            in = out;
        }
        return a;
    }

    /**
     * Tapes that share the first convolution's output and the backward scratch: forwards of three batches, then
     * their backwards in an order that makes two of them recompute the first convolution, give every batch the
     * embeddings, gradients and running statistics that a tape of its own gives, bit for bit.
     */
    @ParameterizedTest
    @CsvSource({"true, 1", "false, 2"})
    void sharedTapesGiveWhatTapesOfTheirOwnGive(boolean batchNorm, int threads) {
        int batch = 3;
        ProtoNet shared = tiny(4, batchNorm, 21);
        ProtoNet own = tiny(4, batchNorm, 21);
        SplittableRandom rng = new SplittableRandom(22);
        float[][] x = new float[3][];
        float[][] g = new float[3][];
        for (int k = 0; k < 3; k++) {
            x[k] = GradientCheck.uniform(rng, batch * 16 * 16, 0, 1);
            g[k] = GradientCheck.uniform(rng, batch * 4, -1, 1);
        }
        try (BatchParallel par = new BatchParallel(threads)) {
            SampleRunner runner = SampleRunner.of(par);
            ProtoNet.Tape[] tapes = shared.newTapes(3);
            float[][] embeddings = new float[3][];
            for (int k = 0; k < 3; k++) {
                embeddings[k] = shared.forward(x[k], batch, 16, 16, true, tapes[k], runner).clone();
            }
            ProtoNet.Tape[] ownTapes = {own.newTape(), own.newTape(), own.newTape()};
            for (int k = 0; k < 3; k++) {
                float[] expected = own.forward(x[k], batch, 16, 16, true, ownTapes[k], runner);
                assertArrayEquals(expected, Arrays.copyOf(embeddings[k], expected.length), "embeddings " + k);
            }
            for (int k : new int[] {0, 2, 1}) {
                Gradients a = new Gradients(shared.parameters());
                Gradients b = new Gradients(own.parameters());
                shared.backward(tapes[k], g[k], a, null, runner);
                own.backward(ownTapes[k], g[k], b, null, runner);
                for (Parameter p : shared.parameters()) {
                    if (p.trainable()) {
                        assertArrayEquals(b.of(own.namedParameters().get(p.name())), a.of(p), p.name() + ", batch " + k);
                    }
                }
            }
            for (Parameter p : shared.parameters()) {
                assertArrayEquals(own.namedParameters().get(p.name()).data(), p.data(), p.name());
            }
        }
    }

    @Test
    void evaluationModeUsesTheRunningStatistics() {
        ProtoNet net = tiny(3, true, 8);
        SplittableRandom rng = new SplittableRandom(2);
        float[] x = GradientCheck.uniform(rng, 4 * 16 * 16, 0, 1);
        float[] before = net.forward(x, 4, 16, 16, false, net.newTape(), null).clone();
        assertEquals(0f, net.batchNorm(0).numBatchesTracked().data()[0]);
        float[] train = net.forward(x, 4, 16, 16, true, net.newTape(), null).clone();
        assertEquals(1f, net.batchNorm(3).numBatchesTracked().data()[0]);
        assertNotEquals(Arrays.toString(before), Arrays.toString(train));
        // a single sample in evaluation mode is the same as that sample inside the batch
        float[] one = net.forward(Arrays.copyOf(x, 16 * 16), 1, 16, 16, false, net.newTape(), null);
        float[] all = net.forward(x, 4, 16, 16, false, net.newTape(), null);
        assertArrayEquals(Arrays.copyOf(all, 3), Arrays.copyOf(one, 3));
    }

    @Test
    void twoWorkersGiveTheSameEmbeddingsAndGradients() {
        ProtoNet net = tiny(4, true, 3);
        SplittableRandom rng = new SplittableRandom(12);
        int batch = 5;
        float[] x = GradientCheck.uniform(rng, batch * 16 * 16, 0, 1);
        float[] g = GradientCheck.uniform(rng, batch * 4, -1, 1);
        float[][] results = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            try (BatchParallel par = new BatchParallel(threads)) {
                net.zeroGrad();
                Gradients grads = new Gradients(net.parameters());
                ProtoNet.Tape tape = net.newTape();
                float[] out = net.forward(x, batch, 16, 16, true, tape, SampleRunner.of(par)).clone();
                net.backward(tape, g, grads, null, SampleRunner.of(par));
                grads.addTo();
                float[] w = net.conv(1).weight().grad();
                results[threads - 1] = concat(Arrays.copyOf(out, batch * 4), w);
            }
        }
        for (int i = 0; i < batch * 4; i++) {
            assertEquals(results[0][i], results[1][i], 0f, "embeddings do not depend on the thread count");
        }
        for (int i = batch * 4; i < results[0].length; i++) {
            assertEquals(results[0][i], results[1][i], 1e-4f, "conv weight gradient");
        }
    }

    @Test
    void shippedOmniglotWeightsLoadByNameOnlyWithoutBatchNorm() throws IOException {
        Map<String, Tensor> state = Safetensors.read(pretrained()).tensors();
        ProtoNet net = new ProtoNet(false);
        net.loadStateDict(state);
        assertArrayEquals(state.get("encoder.2.0.weight").data(), net.conv(2).weight().data());
        assertEquals(0.00478341f, net.conv(0).weight().data()[0], 1e-8f, "spec §12.1 first value");
        ProtoNet withBn = new ProtoNet(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withBn.loadStateDict(state));
        assertTrue(e.getMessage().contains("encoder.0.1.running_mean"), e.getMessage());
        Map<String, Tensor> prefixed = new TreeMap<>();
        state.forEach((k, v) -> prefixed.put("module." + k, v));
        new ProtoNet(false).loadStateDict(prefixed);
    }

    /**
     * The shipped encoder on real Omniglot drawings (preprocessed as spec §6.2: nearest resize to 28×28, ink = 1,
     * transposed): finite, non-trivial embeddings that classify 5-way 1-shot episodes well, through
     * {@link PrototypicalLoss}.
     */
    @Test
    void shippedOmniglotWeightsEmbedRealCharactersUsefully() throws IOException {
        Path zip = GoldenFiles.shared().resolve("data/omniglot/images_evaluation.zip");
        Assumptions.assumeTrue(Files.isRegularFile(zip), "no Omniglot data next to the repository");
        ProtoNet net = new ProtoNet(false);
        net.loadStateDict(Safetensors.read(pretrained()).tensors());
        int ways = 5, shots = 1, queries = 3, per = shots + queries;
        float[] x = new float[ways * per * 28 * 28];
        int[] target = new int[ways * per];
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Map<String, List<String>> byCharacter = new TreeMap<>();
            z.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".png")).forEach(n -> byCharacter
                    .computeIfAbsent(n.substring(0, n.lastIndexOf('/')), k -> new ArrayList<>()).add(n));
            List<String> characters = List.copyOf(byCharacter.keySet());
            for (int c = 0; c < ways; c++) {
                List<String> drawings = new ArrayList<>(byCharacter.get(characters.get((c * 97) % characters.size())));
                drawings.sort(null);
                for (int k = 0; k < per; k++) {
                    int i = k * ways + c; // interleaved batch order, as after the sampler's shuffle
                    target[i] = c;
                    try (InputStream in = z.getInputStream(z.getEntry(drawings.get(k)))) {
                        preprocess(ImageIO.read(in), x, i * 28 * 28);
                    }
                }
            }
        }
        float[] emb = net.forward(x, ways * per, 28, 28, false, net.newTape(), null);
        for (int i = 0; i < ways * per * 64; i++) {
            assertTrue(Float.isFinite(emb[i]) && emb[i] >= 0f, "ReLU + pool output at " + i + ": " + emb[i]);
        }
        assertTrue(nonZero(emb, ways * per * 64) > ways * per * 8, "embeddings are not mostly zero");
        PrototypicalLoss.Result r = PrototypicalLoss.lossAndGradient(emb, 64, target, shots, null);
        System.out.printf("pretrained ProtoNet on %d-way %d-shot Omniglot (evaluation set, %d queries per class): "
                + "accuracy %.3f, prototypical loss %.4f%n", ways, shots, queries, r.accuracy(), r.loss());
        assertTrue(r.accuracy() >= 0.8 && r.loss() < 0.5, "5-way 1-shot accuracy " + r.accuracy() + ", loss "
                + r.loss());
    }

    private static Path pretrained() {
        Path file = GoldenFiles.shared().resolve("data/pretrained/omniglot-protonet.safetensors");
        Assumptions.assumeTrue(Files.isRegularFile(file), "no shared/data/pretrained next to the repository");
        return file;
    }

    /** 105×105 1-bit drawing → 28×28 by nearest neighbour (pixel centres), {@code 1 - white}, transposed. */
    private static void preprocess(BufferedImage img, float[] x, int off) {
        int n = img.getWidth();
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                int sr = Math.min(n - 1, (int) ((r + 0.5) * n / 28));
                int sc = Math.min(n - 1, (int) ((c + 0.5) * n / 28));
                boolean white = (img.getRGB(sc, sr) & 0xFFFFFF) != 0;
                x[off + c * 28 + r] = white ? 0f : 1f;
            }
        }
    }

    static ProtoNet tiny(int channels, boolean batchNorm, long seed) {
        return tiny(1, channels, batchNorm, seed);
    }

    static ProtoNet tiny(int in, int channels, boolean batchNorm, long seed) {
        ProtoNet net = new ProtoNet("", in, channels, batchNorm, true);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < ProtoNet.BLOCKS; i++) {
            Init.xavierUniform(net.conv(i).weight(), Init.SQRT2, rng);
            if (batchNorm) {
                Init.uniform(net.batchNorm(i).weight(), 0.5, rng);
                for (int c = 0; c < channels; c++) {
                    net.batchNorm(i).weight().data()[c] += 1f;
                }
                Init.uniform(net.batchNorm(i).bias(), 0.3, rng);
            }
        }
        return net;
    }

    private static int nonZero(float[] a, int n) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            k += a[i] != 0f ? 1 : 0;
        }
        return k;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
