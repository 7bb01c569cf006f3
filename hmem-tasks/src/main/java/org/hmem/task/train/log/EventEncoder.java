package org.hmem.task.train.log;

import java.nio.charset.StandardCharsets;

/**
 * Serialises the three kinds of {@code tensorboard.Event} messages a training run writes.
 *
 * <p>Field numbers follow TensorBoard's {@code event.proto}, {@code summary.proto}, {@code tensor.proto},
 * {@code tensor_shape.proto} and {@code types.proto} (same numbering as TensorFlow's copies):
 * <pre>
 * Event            { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
 * Summary          { repeated Value value = 1; }
 * Summary.Value    { string tag = 1; float simple_value = 2; TensorProto tensor = 8; SummaryMetadata metadata = 9; }
 * SummaryMetadata  { PluginData plugin_data = 1; }   PluginData { string plugin_name = 1; bytes content = 2; }
 * TensorProto      { DataType dtype = 1; TensorShapeProto tensor_shape = 2; repeated bytes string_val = 8; }
 * TensorShapeProto { repeated Dim dim = 2; }          Dim { int64 size = 1; }
 * DataType         DT_STRING = 7
 * </pre>
 * Text entries are encoded the way PyTorch's {@code SummaryWriter.add_text} does it: a rank-1 string tensor of one
 * element tagged for the {@code "text"} plugin (whose content, {@code TextPluginData{version=0}}, is empty on the
 * wire).
 */
final class EventEncoder {

    /** The only event-file version TensorBoard reads; must be the first record of every file. */
    static final String FILE_VERSION = "brain.Event:2";

    private static final int EVENT_WALL_TIME = 1;
    private static final int EVENT_STEP = 2;
    private static final int EVENT_FILE_VERSION = 3;
    private static final int EVENT_SUMMARY = 5;

    private static final int SUMMARY_VALUE = 1;

    private static final int VALUE_TAG = 1;
    private static final int VALUE_SIMPLE_VALUE = 2;
    private static final int VALUE_TENSOR = 8;
    private static final int VALUE_METADATA = 9;

    private static final int METADATA_PLUGIN_DATA = 1;
    private static final int PLUGIN_DATA_PLUGIN_NAME = 1;
    private static final String TEXT_PLUGIN = "text";

    private static final int TENSOR_DTYPE = 1;
    private static final int TENSOR_SHAPE = 2;
    private static final int TENSOR_STRING_VAL = 8;
    private static final int DT_STRING = 7;

    private static final int SHAPE_DIM = 2;
    private static final int DIM_SIZE = 1;

    private EventEncoder() { }

    /** The header event: {@code wall_time} and {@code file_version}. */
    static byte[] fileVersion(double wallTime) {
        return new ProtoWriter()
                .fixedDouble(EVENT_WALL_TIME, wallTime)
                .string(EVENT_FILE_VERSION, FILE_VERSION)
                .toByteArray();
    }

    /** A scalar event; TensorBoard's legacy {@code simple_value} is a 32-bit float, so the value is narrowed. */
    static byte[] scalar(double wallTime, long step, String tag, double value) {
        ProtoWriter summaryValue = new ProtoWriter()
                .string(VALUE_TAG, tag)
                .fixedFloat(VALUE_SIMPLE_VALUE, (float) value);
        return summaryEvent(wallTime, step, summaryValue);
    }

    /** A text event for TensorBoard's text plugin. */
    static byte[] text(double wallTime, long step, String tag, String text) {
        ProtoWriter metadata = new ProtoWriter()
                .message(METADATA_PLUGIN_DATA, new ProtoWriter().string(PLUGIN_DATA_PLUGIN_NAME, TEXT_PLUGIN));
        ProtoWriter shape = new ProtoWriter()
                .message(SHAPE_DIM, new ProtoWriter().varint(DIM_SIZE, 1));
        ProtoWriter tensor = new ProtoWriter()
                .varint(TENSOR_DTYPE, DT_STRING)
                .message(TENSOR_SHAPE, shape)
                .bytes(TENSOR_STRING_VAL, text.getBytes(StandardCharsets.UTF_8));
        ProtoWriter summaryValue = new ProtoWriter()
                .string(VALUE_TAG, tag)
                .message(VALUE_METADATA, metadata)
                .message(VALUE_TENSOR, tensor);
        return summaryEvent(wallTime, step, summaryValue);
    }

    private static byte[] summaryEvent(double wallTime, long step, ProtoWriter summaryValue) {
        return new ProtoWriter()
                .fixedDouble(EVENT_WALL_TIME, wallTime)
                .varint(EVENT_STEP, step)
                .message(EVENT_SUMMARY, new ProtoWriter().message(SUMMARY_VALUE, summaryValue))
                .toByteArray();
    }
}
