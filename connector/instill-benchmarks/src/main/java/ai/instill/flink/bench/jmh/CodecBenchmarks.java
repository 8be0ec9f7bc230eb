package ai.instill.flink.bench.jmh;

import ai.instill.flink.bench.Payload;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceModelRequest;
import ai.instill.flink.task.BinaryMask;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InputLimits;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.TaskCodec;
import ai.instill.flink.task.TaskResult;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Micro-benchmarks of the connector's hot codecs: encoding a trigger request with a base64 image,
 * decoding a detection answer with many objects, and decoding an RLE mask. Run them with {@link
 * JmhMain}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmarks {

    /**
     * A trigger request for one image of {@code imageKiB} KiB: validate, base64, Struct, request
     * bytes.
     */
    @State(Scope.Benchmark)
    public static class ImageRequest {
        @Param({"100", "1024"})
        public int imageKiB;

        TaskCodec codec;
        ImageInput input;

        @Setup
        public void setUp() {
            byte[] png =
                    Payload.noisePng(
                            imageKiB * 1024); // a real PNG of random pixels, as the input checks
            // want
            codec = TaskCodec.of(InstillTask.CLASSIFICATION, InputLimits.DEFAULT);
            input = new ImageInput(Image.ofBytes(png));
        }
    }

    @Benchmark
    public byte[] encodeImageRequest(ImageRequest state) {
        Struct encoded = state.codec.encode(state.input);
        return TriggerNamespaceModelRequest.newBuilder()
                .setNamespaceId("local")
                .setModelId("stand-in-classifier")
                .setVersion("v1")
                .addTaskInputs(encoded)
                .build()
                .toByteArray();
    }

    /** A detection answer with {@code objects} objects, as parsed from the wire. */
    @State(Scope.Benchmark)
    public static class DetectionAnswer {
        @Param({"10", "500"})
        public int objects;

        TaskCodec codec;
        Struct output;

        @Setup
        public void setUp() throws Exception {
            codec = TaskCodec.of(InstillTask.DETECTION, InputLimits.DEFAULT);
            Random random = new Random(2);
            ListValue.Builder list = ListValue.newBuilder();
            for (int i = 0; i < objects; i++) {
                Struct box =
                        Struct.newBuilder()
                                .putFields("left", number(random.nextInt(1000)))
                                .putFields("top", number(random.nextInt(1000)))
                                .putFields("width", number(1 + random.nextInt(200)))
                                .putFields("height", number(1 + random.nextInt(200)))
                                .build();
                Struct object =
                        Struct.newBuilder()
                                .putFields(
                                        "category",
                                        Value.newBuilder()
                                                .setStringValue("category-" + (i % 80))
                                                .build())
                                .putFields("score", number(random.nextDouble()))
                                .putFields(
                                        "bounding-box",
                                        Value.newBuilder().setStructValue(box).build())
                                .build();
                list.addValues(Value.newBuilder().setStructValue(object));
            }
            Struct data =
                    Struct.newBuilder()
                            .putFields("objects", Value.newBuilder().setListValue(list).build())
                            .build();
            Struct built =
                    Struct.newBuilder()
                            .putFields("data", Value.newBuilder().setStructValue(data).build())
                            .build();
            output = Struct.parseFrom(built.toByteArray());
        }

        private static Value number(double value) {
            return Value.newBuilder().setNumberValue(value).build();
        }
    }

    @Benchmark
    public TaskResult decodeDetection(DetectionAnswer state) {
        return state.codec.decode(null, state.output);
    }

    /** An RLE mask of {@code side} × {@code side} with runs of 1 to 40 pixels. */
    @State(Scope.Benchmark)
    public static class RleMask {
        @Param({"64", "512"})
        public int side;

        String rle;

        @Setup
        public void setUp() {
            Random random = new Random(3);
            StringBuilder counts = new StringBuilder();
            int left = side * side;
            while (left > 0) {
                int run = Math.min(left, 1 + random.nextInt(40));
                counts.append(counts.length() == 0 ? "" : ",").append(run);
                left -= run;
            }
            rle = counts.toString();
        }
    }

    @Benchmark
    public BinaryMask decodeRle(RleMask state) {
        return BinaryMask.fromRle(state.rle, state.side, state.side);
    }
}
