package ai.instill.flink.server;

import static ai.instill.flink.server.models.StructValues.struct;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class MalformedOutputTest {

    private static final Struct DETECTION =
            struct(
                    "data",
                            struct(
                                    "objects",
                                    List.of(
                                            struct(
                                                    "category",
                                                    "circle",
                                                    "score",
                                                    0.9,
                                                    "bounding-box",
                                                    struct(
                                                            "left", 1.0, "top", 2.0, "width", 3.0,
                                                            "height", 4.0)))),
                    "metadata", struct("stand-in", "not a real model"));

    private static final Struct INSTANCE =
            struct(
                    "data",
                    struct(
                            "objects",
                            List.of(
                                    struct(
                                            "category", "circle",
                                            "rle", "2,4,6",
                                            "bounding-box",
                                                    struct(
                                                            "left", 0.0, "top", 0.0, "width", 3.0,
                                                            "height", 4.0)))));

    @Test
    void aMissingFieldRemovesTheFirstLeafOfTheFirstObject() {
        Struct spoiled = MalformedOutput.MISSING_FIELD.applyTo(DETECTION);

        Struct first = firstObject(spoiled);
        assertThat(first.containsFields("category")).isFalse();
        assertThat(first.containsFields("score")).isTrue();
        assertThat(spoiled.getFieldsOrThrow("metadata"))
                .isEqualTo(DETECTION.getFieldsOrThrow("metadata"));
    }

    @Test
    void aWrongTypeTurnsAStringIntoANumberAndANumberIntoAString() {
        Struct spoiled = MalformedOutput.WRONG_TYPE.applyTo(DETECTION);
        assertThat(firstObject(spoiled).getFieldsOrThrow("category").getNumberValue())
                .isEqualTo(42);

        Struct classification = struct("data", struct("score", 0.5));
        assertThat(
                        MalformedOutput.WRONG_TYPE
                                .applyTo(classification)
                                .getFieldsOrThrow("data")
                                .getStructValue()
                                .getFieldsOrThrow("score")
                                .getKindCase())
                .isEqualTo(Value.KindCase.STRING_VALUE);
    }

    @Test
    void anEmptyListOfObjectsIsItselfTheLeaf() {
        Struct nothingFound = struct("data", struct("objects", List.of()));

        assertThat(
                        MalformedOutput.MISSING_FIELD
                                .applyTo(nothingFound)
                                .getFieldsOrThrow("data")
                                .getStructValue()
                                .getFieldsCount())
                .isZero();
    }

    @Test
    void anRleOutOfItsBoxGetsAMillionMorePixels() {
        Struct spoiled = MalformedOutput.RLE_OUT_OF_BOX.applyTo(INSTANCE);

        assertThat(firstObject(spoiled).getFieldsOrThrow("rle").getStringValue())
                .isEqualTo("2,4,6,1000000");
        // without masks it spoils a type instead, so the fault is never a no-op
        assertThat(
                        firstObject(MalformedOutput.RLE_OUT_OF_BOX.applyTo(DETECTION))
                                .getFieldsOrThrow("category")
                                .getKindCase())
                .isEqualTo(Value.KindCase.NUMBER_VALUE);
    }

    @Test
    void theFaultsSpoilExactlyTheNextSuccessfulCallsAndResetClearsThem() {
        ModelFaults faults =
                new ModelFaults()
                        .malformedOutputsNext(1, MalformedOutput.WRONG_TYPE)
                        .malformedOutputsNext(1, MalformedOutput.MISSING_FIELD);

        assertThat(faults.planCall(2).malformed()).isEqualTo(MalformedOutput.WRONG_TYPE);
        assertThat(faults.planCall(2).malformed()).isEqualTo(MalformedOutput.MISSING_FIELD);
        assertThat(faults.planCall(2).malformed()).isNull();

        faults.malformedOutputsRate(MalformedOutput.RLE_OUT_OF_BOX, 1.0);
        assertThat(faults.planCall(1).malformed()).isEqualTo(MalformedOutput.RLE_OUT_OF_BOX);
        faults.reset();
        assertThat(faults.planCall(1).malformed()).isNull();
    }

    private static Struct firstObject(Struct output) {
        return output.getFieldsOrThrow("data")
                .getStructValue()
                .getFieldsOrThrow("objects")
                .getListValue()
                .getValues(0)
                .getStructValue();
    }
}
