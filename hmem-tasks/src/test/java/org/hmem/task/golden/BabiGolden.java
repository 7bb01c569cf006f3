package org.hmem.task.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.hmem.engine.golden.CoreGoldenChecks.Outputs;
import org.hmem.engine.golden.GoldenCase;
import org.hmem.engine.golden.Layouts;
import org.hmem.task.babi.data.BabiVectors;
import org.hmem.task.babi.BabiModelConfig;
import org.hmem.task.babi.BabiModel;
import org.hmem.engine.nn.SpikeCountReadout;

/** Golden check of the bAbI question-answering model (spec §4.7). */
final class BabiGolden {

    private BabiGolden() {
    }

    static BabiModelConfig config(GoldenCase c) {
        return new BabiModelConfig(c.configInt("vocab_size"), c.configInt("num_embeddings"),
                c.configInt("sentence_size"), c.configInt("embedding_size"), c.configInt("memory_size"),
                c.configInt("sentence_duration"), c.configInt("readout_delay"), c.configBool("learn_encoding"),
                c.configBool("add_time_words") && c.configBool("mask_time_words"), ModelGoldenChecks.hebbian(c),
                ModelGoldenChecks.neuron(c));
    }

    static void check(GoldenCase c) {
        assertEquals(SpikeCountReadout.CLASSIFIER_WINDOW, c.configInt("readout_window"));
        assertEquals("pre", c.configString("padding"));
        BabiModel model = new BabiModel(config(c), 0);
        ModelGoldenChecks.loadParameters(c, model);
        int batchSize = c.configInt("batch_size");
        BabiVectors batch = new BabiVectors(batchSize, c.configInt("num_sentences"), c.configInt("sentence_size"),
                c.input("story").ints(), c.input("query").ints(), c.input("answer").ints(),
                c.input("story_length").ints());
        int e = c.configInt("embedding_size"), m = c.configInt("memory_size");
        Outputs out = new Outputs(batchSize);
        BabiModel.Workspace ws = model.newWorkspace();
        for (int b = 0; b < batchSize; b++) {
            model.forward(batch, b, ws);
            out.put("logits", b, model.output(ws).clone());
            out.put("story_encoded", b, ModelGoldenChecks.prefix(ws.storyEncoding().spikes(),
                    ws.storyEncoding().steps() * e));
            out.put("query_encoded", b, ModelGoldenChecks.prefix(ws.queryEncoding().spikes(),
                    ws.queryEncoding().steps() * e));
            out.put("mem", b, Layouts.memoryFromKeyMajor(ws.writing().memory(), m, m));
            out.put("write_key", b, ModelGoldenChecks.prefix(ws.writing().keys().spikes(), ws.writing().steps() * m));
            out.put("write_val", b, ModelGoldenChecks.prefix(ws.writing().values().spikes(),
                    ws.writing().steps() * m));
            out.put("read_key", b, ModelGoldenChecks.prefix(ws.reading().keys().spikes(), ws.reading().steps() * m));
            out.put("read_val", b, ModelGoldenChecks.prefix(ws.reading().values().spikes(),
                    ws.reading().steps() * m));
        }
        out.compare(c, List.of("story_encoded", "query_encoded", "write_key", "write_val", "read_key", "read_val"),
                List.of("logits", "mem"));
        ModelGoldenChecks.checkLossesGradientsAndAdam(c, model, batch, (d, b) -> d.answer()[b], c.config("l2"), true,
                (b, w) -> new float[0][]);
    }
}
