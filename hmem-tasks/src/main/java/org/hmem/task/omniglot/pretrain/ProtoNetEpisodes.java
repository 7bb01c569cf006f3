package org.hmem.task.omniglot.pretrain;

import org.hmem.engine.conv.ProtoNet;
import org.hmem.engine.conv.SampleRunner;
import org.hmem.engine.loss.PrototypicalLoss;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.task.omniglot.data.OmniglotPreprocessing;
import org.hmem.task.omniglot.data.PrototypicalBatch;

/**
 * Runs episodes through a {@link ProtoNet} and the prototypical loss: one training step's forward and backward
 * (batch norm on batch statistics), or a forward for validation and test (batch norm on its running statistics).
 * The whole episode goes through the network at once, because batch norm couples its images; the runner spreads
 * each convolution over the worker threads. Buffers are reused from episode to episode; not thread-safe.
 */
final class ProtoNetEpisodes {

    private static final int SIDE = OmniglotPreprocessing.SIZE;

    /** Mean loss and accuracy over some episodes. */
    record Mean(double loss, double accuracy, int episodes) {
    }

    private final ProtoNet net;
    private final SampleRunner runner;
    private final ProtoNet.Tape tape;
    private final Gradients grads;
    private final int embedding;
    private float[] pixels = new float[0];
    private float[] gEmbeddings = new float[0];

    ProtoNetEpisodes(ProtoNet net, SampleRunner runner) {
        this.net = net;
        this.runner = runner;
        this.tape = net.newTape();
        this.grads = new Gradients(net.parameters());
        this.embedding = net.outputSize(SIDE, SIDE);
    }

    /**
     * Forward and backward of episode {@code (epoch, index)}: afterwards every parameter's {@code grad()} holds the
     * gradient of this episode's loss alone (earlier gradients are cleared).
     */
    PrototypicalLoss.Result train(EpisodeSource source, long epoch, int index) {
        PrototypicalBatch batch = source.batch(epoch, index);
        float[] embeddings = embed(source, batch, true);
        int n = batch.size();
        if (gEmbeddings.length < n * embedding) {
            gEmbeddings = new float[n * embedding];
        }
        PrototypicalLoss.Result r = PrototypicalLoss.lossAndGradient(embeddings, embedding, batch.labels(),
                source.shape().support(), gEmbeddings);
        for (Parameter p : net.parameters()) {
            p.zeroGrad();
        }
        grads.zero();
        net.backward(tape, gEmbeddings, grads, null, runner);
        grads.addTo();
        return r;
    }

    /** Loss and accuracy of episode {@code (epoch, index)}, forward only, in evaluation mode. */
    PrototypicalLoss.Result evaluate(EpisodeSource source, long epoch, int index) {
        PrototypicalBatch batch = source.batch(epoch, index);
        float[] embeddings = embed(source, batch, false);
        return PrototypicalLoss.lossAndGradient(embeddings, embedding, batch.labels(), source.shape().support(),
                null);
    }

    /** The mean over episodes {@code 0 .. iterations-1} of {@code epochs} sampler epochs from {@code firstEpoch}. */
    Mean evaluate(EpisodeSource source, long firstEpoch, int epochs, int iterations) {
        double loss = 0;
        double accuracy = 0;
        for (long e = firstEpoch; e < firstEpoch + epochs; e++) {
            for (int i = 0; i < iterations; i++) {
                PrototypicalLoss.Result r = evaluate(source, e, i);
                loss += r.loss();
                accuracy += r.accuracy();
            }
        }
        int episodes = epochs * iterations;
        return new Mean(loss / episodes, accuracy / episodes, episodes);
    }

    /** The embeddings of the batch's images, (n, 64) row-major in the tape's array. */
    private float[] embed(EpisodeSource source, PrototypicalBatch batch, boolean training) {
        int n = batch.size();
        int size = OmniglotPreprocessing.PIXELS;
        if (pixels.length < n * size) {
            pixels = new float[n * size];
        }
        int[] items = batch.items();
        for (int b = 0; b < n; b++) {
            source.split().pixels(items[b], pixels, b * size);
        }
        return net.forward(pixels, n, SIDE, SIDE, training, tape, runner);
    }
}
