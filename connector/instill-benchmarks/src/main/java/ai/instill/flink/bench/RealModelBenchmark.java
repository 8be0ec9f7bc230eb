package ai.instill.flink.bench;

import ai.instill.flink.Enriched;
import ai.instill.flink.InstillInference;
import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceModelRequest;
import ai.instill.flink.server.LocalModelServer;
import ai.instill.flink.server.models.StructValues;
import ai.instill.flink.server.real.RealModels;
import ai.instill.flink.server.real.SamplePhotos;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InstillTask;
import com.google.protobuf.Struct;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Measures the real models of the local server: each model alone over gRPC (one input per call, and
 * eight), then real OCR and detection behind the connector in a Flink job, unbatched and batched;
 * prints Markdown tables (docs/models.md quotes them). Not a test: run it by hand.
 *
 * <pre>
 * mvn -q -pl connector/instill-benchmarks -am -DskipTests package exec:exec \
 *     -Dbench.main=ai.instill.flink.bench.RealModelBenchmark -Dbench.args=--calls=30
 * </pre>
 */
public final class RealModelBenchmark {

    /** When each enriched record left the connector, in the job's JVM (a local mini cluster). */
    static final ConcurrentLinkedQueue<Long> DONE = new ConcurrentLinkedQueue<>();

    private RealModelBenchmark() {}

    public static void main(String[] args) throws Exception {
        int calls = 30;
        for (String arg : args) {
            if (arg.startsWith("--calls=")) {
                calls = Integer.parseInt(arg.substring("--calls=".length()));
            }
        }
        byte[] photo = jpeg(SamplePhotos.personOnCanvas(640, 480, 200, 30, 260).image());
        byte[] text = png(renderedText());
        try (LocalModelServer server =
                LocalModelServer.builder().withModelPacks().port(0).build().start()) {
            ManagedChannel channel =
                    Grpc.newChannelBuilder(server.target(), InsecureChannelCredentials.create())
                            .maxInboundMessageSize(64 * 1024 * 1024)
                            .build();
            System.out.println(
                    "| model | input | 1 input per call: p50 ms | mean ms | 8 inputs per call: ms"
                            + " per input |");
            System.out.println("|---|---|---|---|---|");
            for (String model : server.modelNames()) {
                if (!server.isReal(model)) {
                    System.out.println("| " + model + " | " + server.backend(model) + " | | | |");
                    continue;
                }
                Struct input =
                        model.equals(RealModels.EMBEDDER)
                                ? sentence()
                                : image(model.equals(RealModels.OCR) ? text : photo);
                String described =
                        model.equals(RealModels.EMBEDDER)
                                ? "one sentence"
                                : model.equals(RealModels.OCR)
                                        ? "640×150 PNG, 2 lines"
                                        : "640×480 JPEG, 1 person";
                double[] single = time(channel, model, input, 1, calls);
                double[] eight = time(channel, model, input, 8, Math.max(3, calls / 4));
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %s | %.1f | %.1f | %.1f |%n",
                        model,
                        described,
                        median(single),
                        mean(single),
                        mean(eight) / 8);
            }
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);

            System.out.println();
            System.out.println("| model behind the connector | batching | records | rec/s |");
            System.out.println("|---|---|---|---|");
            for (String model : List.of(RealModels.OCR, RealModels.DETECTOR)) {
                if (!server.isReal(model)) {
                    continue;
                }
                byte[] picture = model.equals(RealModels.OCR) ? text : photo;
                InstillTask task =
                        model.equals(RealModels.OCR) ? InstillTask.OCR : InstillTask.DETECTION;
                for (int batch : new int[] {1, 8}) {
                    double perSecond =
                            throughput(server.target(), model, task, picture, batch, 4 * calls);
                    System.out.printf(
                            Locale.ROOT,
                            "| %s | %s | %d | %.1f |%n",
                            model,
                            batch == 1 ? "off" : "up to " + batch + " per call",
                            4 * calls,
                            perSecond);
                }
            }
        }
        System.exit(0);
    }

    /** Milliseconds of each call of {@code inputs} inputs, after a warm-up. */
    private static double[] time(
            ManagedChannel channel, String model, Struct input, int inputs, int calls) {
        String[] name = model.split("/");
        TriggerNamespaceModelRequest request =
                TriggerNamespaceModelRequest.newBuilder()
                        .setNamespaceId(name[0])
                        .setModelId(name[1])
                        .setVersion(name[2])
                        .addAllTaskInputs(Collections.nCopies(inputs, input))
                        .build();
        ModelPublicServiceGrpc.ModelPublicServiceBlockingStub stub =
                ModelPublicServiceGrpc.newBlockingStub(channel);
        for (int i = 0; i < 5; i++) {
            stub.triggerNamespaceModel(request);
        }
        double[] millis = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            stub.triggerNamespaceModel(request);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    /** Records per second through a Flink job enriching {@code records} copies of the picture. */
    private static double throughput(
            String endpoint, String model, InstillTask task, byte[] picture, int batch, int records)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<byte[]> inputs = new ArrayList<>(Collections.nCopies(records, picture));
        InstillInference<byte[], Enriched<byte[]>> enrich =
                InstillInference.<byte[]>builder()
                        .endpoint(endpoint)
                        .modelName(model)
                        .task(task)
                        .input(bytes -> new ImageInput(Image.ofBytes(bytes)))
                        .option(InstillOptions.BATCH_ENABLED, batch > 1)
                        .option(InstillOptions.BATCH_MAX_SIZE, Math.max(1, batch))
                        .build();
        DONE.clear();
        enrich.applyTo(env.fromData(inputs))
                .map(
                        e -> {
                            DONE.add(System.nanoTime());
                            return 0;
                        },
                        Types.INT)
                .sinkTo(new DiscardingSink<>());
        env.execute("real model " + model + ", batch " + batch);
        long[] times = DONE.stream().mapToLong(Long::longValue).sorted().toArray();
        return (times.length - 1) * 1e9 / (times[times.length - 1] - times[0]);
    }

    private static Struct image(byte[] bytes) {
        return StructValues.struct(
                "data",
                StructValues.struct(
                        "type",
                        "image-base64",
                        "image-base64",
                        Base64.getEncoder().encodeToString(bytes)));
    }

    private static Struct sentence() {
        return StructValues.struct(
                "data",
                StructValues.struct(
                        "embeddings",
                        List.of(
                                StructValues.struct(
                                        "type",
                                        "text",
                                        "text",
                                        "Flink checkpoints its state to durable" + " storage."))));
    }

    private static BufferedImage renderedText() {
        BufferedImage image = new BufferedImage(640, 150, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 640, 150);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 36));
        g.drawString("The quick brown fox 12345", 24, 58);
        g.drawString("jumps over the lazy dog.", 24, 118);
        g.dispose();
        return image;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }
}
