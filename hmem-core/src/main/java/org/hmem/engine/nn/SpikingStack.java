package org.hmem.engine.nn;

import java.util.ArrayList;
import java.util.List;

import org.hmem.engine.neuron.SpikeTrain;

/**
 * Spiking layers applied one after another (PyTorch's {@code Sequential}): each layer's output spike train is the
 * next one's input, and backward runs in reverse, each layer adding its input gradient into the previous layer's
 * output gradient where that output is sensitive. A stack is itself a {@link SpikingLayer}, so stacks nest.
 */
public final class SpikingStack implements SpikingLayer<SpikingStack.Tape> {

    private final List<SpikingLayer<?>> layers;

    public SpikingStack(List<? extends SpikingLayer<?>> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a stack needs at least one layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i - 1).outputSize() != layers.get(i).inputSize()) {
                throw new IllegalArgumentException("layer " + (i - 1) + " emits " + layers.get(i - 1).outputSize()
                        + " neurons per step, layer " + i + " takes " + layers.get(i).inputSize());
            }
        }
        this.layers = List.copyOf(layers);
    }

    public List<SpikingLayer<?>> layers() {
        return layers;
    }

    @Override
    public int inputSize() {
        return layers.get(0).inputSize();
    }

    @Override
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    @Override
    public int outputSteps(int rows) {
        int steps = rows;
        for (SpikingLayer<?> l : layers) {
            steps = l.outputSteps(steps);
        }
        return steps;
    }

    @Override
    public List<Parameter> parameters() {
        return Module.collect(layers.toArray(new Module[0]));
    }

    @Override
    public Tape newTape() {
        List<Bound<?>> bound = new ArrayList<>();
        for (SpikingLayer<?> l : layers) {
            bound.add(Bound.of(l));
        }
        return new Tape(bound);
    }

    @Override
    public void forward(float[] x, int xOff, int rows, Tape tape) {
        tape.bound.get(0).forward(x, xOff, rows);
        for (int i = 1; i < tape.bound.size(); i++) {
            tape.bound.get(i).forward(tape.bound.get(i - 1).tape.output());
        }
    }

    @Override
    public void backward(Tape tape, Gradients grads, float[] gx, int gxOff, float[] gxMask, int maskOff) {
        for (int i = tape.bound.size() - 1; i > 0; i--) {
            SpikeTrain upstream = tape.bound.get(i - 1).tape.output();
            tape.bound.get(i).backward(grads, upstream.gradient(), 0, upstream.sensitivity(), 0);
        }
        tape.bound.get(0).backward(grads, gx, gxOff, gxMask, maskOff);
    }

    /** The tapes of the layers, in order. */
    public static final class Tape implements SpikingLayer.Tape {
        private final List<Bound<?>> bound;

        private Tape(List<Bound<?>> bound) {
            this.bound = List.copyOf(bound);
        }

        /** The tape of layer i (cast to its layer's tape type). */
        public <T extends SpikingLayer.Tape> T layer(int i, Class<T> type) {
            return type.cast(bound.get(i).tape);
        }

        @Override
        public SpikeTrain output() {
            return bound.get(bound.size() - 1).tape.output();
        }
    }

    /** A layer with its tape, so a list of them keeps each tape's type. */
    private record Bound<T extends SpikingLayer.Tape>(SpikingLayer<T> layer, T tape) {

        static <T extends SpikingLayer.Tape> Bound<T> of(SpikingLayer<T> layer) {
            return new Bound<>(layer, layer.newTape());
        }

        void forward(float[] x, int xOff, int rows) {
            layer.forward(x, xOff, rows, tape);
        }

        void forward(SpikeTrain in) {
            layer.forward(in, tape);
        }

        void backward(Gradients grads, float[] gx, int gxOff, float[] gxMask, int maskOff) {
            layer.backward(tape, grads, gx, gxOff, gxMask, maskOff);
        }
    }
}
