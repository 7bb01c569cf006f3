package org.hmem.task.flags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;

class FlagValuesTest {

    private static final Flag<String> KIND = Allowed.oneOf(Flag.of("kind", FlagType.STRING, FlagGroup.MODEL,
            "Kind.").withDefault("a").role(FlagRole.MODEL), "a", "b");
    private static final Flag<Integer> SIZE = Allowed.atLeast(Flag.of("size", FlagType.INT, FlagGroup.MODEL,
            "Size."), 1).withDefault(10).role(FlagRole.MODEL);
    private static final Flag<Double> RATE = Allowed.positive(Flag.of("rate", FlagType.DOUBLE, FlagGroup.TRAINING,
            "Rate.").withDefault(0.5).role(FlagRole.SETTING));
    private static final Flag<Integer> BATCH = Flag.of("batch", FlagType.INT, FlagGroup.TRAINING, "Batch.")
            .withDefault(8).role(FlagRole.SETTING).exemptOnEvaluate();
    private static final Flag<Integer> SHUFFLE = Allowed.zeroOrOne(Flag.of("shuffle", FlagType.BINARY,
            FlagGroup.DATA, "Shuffle.").withDefault(1).role(FlagRole.MODEL));
    private static final Flag<Integer> EPOCHS = Flag.of("epochs", FlagType.INT, FlagGroup.TRAINING, "Epochs.")
            .withDefault(3);
    private static final Flag<Boolean> VERBOSE = Flag.of("verbose", FlagType.SWITCH, FlagGroup.OUTPUT, "Verbose.")
            .withDefault(false);
    private static final Flag<Long> SEED = Flag.of("seed", FlagType.LONG, FlagGroup.RUN, "Seed.");

    private static final FlagSet SET = FlagSet.of(KIND, SIZE, RATE, BATCH, SHUFFLE, EPOCHS, VERBOSE, SEED).with(
            RATE.withDefault(v -> "b".equals(v.get(KIND)) ? 0.1 : 0.5, "0.5; 0.1 for kind b")).retired("old");
    private static final Path WHERE = Path.of("ck.safetensors");

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void bothSpellingsAreNamesOfOneFlag() {
        Flag<Integer> f = Flag.of("max_num", FlagType.INT, FlagGroup.DATA, "x");
        assertEquals(java.util.List.of("--max_num", "--max-num"), f.names());
        assertThrows(IllegalArgumentException.class, () -> Flag.of("Max-Num", FlagType.INT, FlagGroup.DATA, "x"));
    }

    @Test
    void valuesAreGivenElseDefaultsAndDerivedDefaultsFollowOtherFlags() {
        FlagValues v = SET.defaults();
        assertEquals(10, v.get(SIZE));
        assertEquals(0.5, v.get(RATE));
        assertNull(v.get(SEED));
        assertFalse(v.isGiven(SIZE));
        FlagValues b = v.with(KIND, "b");
        assertEquals(0.1, b.get(RATE), "the derived default follows --kind");
        assertEquals(0.7, b.withText(RATE, "0.7").get(RATE), "a given value wins");
        assertTrue(b.isGiven(KIND));
        assertEquals(0.5, v.get(RATE), "values are immutable");
        assertEquals(5, SET.with(SIZE.withDefault(5)).defaults().get(SIZE), "a task's own default");
    }

    @Test
    void badTextAndValuesOutsideTheAllowedRangeAreUserErrorsNamingFlagValueAndRange() {
        UserError text = assertThrows(UserError.class, () -> SET.defaults().withText(SIZE, "ten"));
        assertEquals("--size: 'ten' is not an integer", text.getMessage());
        UserError range = assertThrows(UserError.class, () -> SET.defaults().with(SIZE, 0).validate());
        assertEquals("--size 0 is not allowed: expected an integer >= 1", range.getMessage());
        UserError nan = assertThrows(UserError.class, () -> SET.defaults().withText(RATE, "NaN").validate());
        assertTrue(nan.getMessage().contains("--rate NaN is not allowed: expected a finite number > 0"),
                nan.getMessage());
        UserError word = assertThrows(UserError.class, () -> SET.defaults().with(KIND, "c").validate());
        assertTrue(word.getMessage().contains("expected one of a, b"), word.getMessage());
        SET.defaults().validate();
    }

    @Test
    void paramsHoldEveryFlagAsTheReferenceStoresIt() {
        JsonObject p = SET.defaults().with(SHUFFLE, 0).with(VERBOSE, true).toParams();
        assertEquals(json("{\"kind\":\"a\",\"size\":10,\"rate\":0.5,\"batch\":8,\"shuffle\":false,\"epochs\":3,"
                + "\"verbose\":true,\"seed\":null}"), p);
    }

    @Test
    void aCheckpointsModelAndSettingsBecomeTheDefaultsButRunFlagsDoNot() {
        JsonObject stored = json("{\"kind\":\"b\",\"size\":4,\"rate\":0.2,\"batch\":16,\"shuffle\":false,"
                + "\"epochs\":9,\"verbose\":true,\"seed\":5,\"old\":1}");
        FlagValues v = SET.defaults().continuing(stored, WHERE, Set.of(FlagRole.MODEL, FlagRole.SETTING), Set.of(),
                true);
        assertEquals("b", v.get(KIND));
        assertEquals(4, v.get(SIZE));
        assertEquals(0.2, v.get(RATE));
        assertEquals(16, v.get(BATCH));
        assertEquals(0, v.get(SHUFFLE), "a {0,1} flag stored as a boolean reads back");
        assertEquals(3, v.get(EPOCHS), "run-only flags keep this run's values");
        assertNull(v.get(SEED));
        FlagValues modelOnly = SET.defaults().continuing(stored, WHERE, Set.of(FlagRole.MODEL), Set.of(), true);
        assertEquals(4, modelOnly.get(SIZE));
        assertEquals(8, modelOnly.get(BATCH), "settings are not taken when only the model is");
    }

    @Test
    void aGivenFlagThatDiffersFromTheCheckpointIsRefusedWithBothValuesUnlessExemptOrUnchecked() {
        JsonObject stored = json("{\"kind\":\"a\",\"size\":4,\"rate\":0.5,\"batch\":16,\"shuffle\":true,"
                + "\"epochs\":9}");
        FlagValues given = SET.defaults().with(SIZE, 6).with(BATCH, 32).with(EPOCHS, 1).with(RATE, 0.5);
        UserError e = assertThrows(UserError.class, () -> given.continuing(stored, WHERE,
                Set.of(FlagRole.MODEL, FlagRole.SETTING), Set.of(), true));
        assertTrue(e.getMessage().contains("--size: checkpoint 4, now 6"), e.getMessage());
        assertTrue(e.getMessage().contains("--batch: checkpoint 16, now 32"), e.getMessage());
        assertTrue(e.getMessage().contains(WHERE.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("--epochs"), "run-only flags are never checked");
        assertFalse(e.getMessage().contains("--rate"), "an equal given value is fine");
        FlagValues evaluating = given.continuing(stored, WHERE, Set.of(FlagRole.MODEL, FlagRole.SETTING),
                Set.of("size", "batch"), true);
        assertEquals(6, evaluating.get(SIZE), "an exempt flag may differ; the given value wins");
        FlagValues unchecked = given.continuing(stored, WHERE, Set.of(FlagRole.MODEL, FlagRole.SETTING), Set.of(),
                false);
        assertEquals(32, unchecked.get(BATCH));
    }

    @Test
    void storedParamsUnknownToTheCommandAreReportedUnlessRetiredOrTheCommandTakesASubset() {
        JsonObject stored = json("{\"size\":4,\"future_flag\":1,\"old\":2}");
        UserError e = assertThrows(UserError.class, () -> SET.defaults().continuing(stored, WHERE,
                Set.of(FlagRole.MODEL), Set.of(), true));
        assertTrue(e.getMessage().contains("--future_flag is stored in the checkpoint but unknown"), e.getMessage());
        assertFalse(e.getMessage().contains("--old"), "retired params are accepted");
        assertEquals(4, SET.subsetOfCheckpointParams().defaults().continuing(stored, WHERE, Set.of(FlagRole.MODEL),
                Set.of(), true).get(SIZE));
        UserError type = assertThrows(UserError.class, () -> SET.defaults().continuing(json("{\"size\":\"x\"}"),
                WHERE, Set.of(FlagRole.MODEL), Set.of(), true));
        assertTrue(type.getMessage().contains("stored --size \"x\" is not an integer"), type.getMessage());
    }

    @Test
    void helpShowsTheDefaultOrItsDescription() {
        assertEquals("10", SET.declared(SIZE).defaultDescription());
        assertEquals("0.5; 0.1 for kind b", SET.declared(RATE).defaultDescription());
        assertNull(VERBOSE.defaultDescription(), "a switch that is off shows no default");
        assertEquals(Set.of("batch"), SET.exemptOnEvaluate());
    }
}
