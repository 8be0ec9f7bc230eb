package ai.instill.flink.examples;

import ai.instill.flink.DeadLetter;
import ai.instill.flink.Enriched;
import ai.instill.flink.InstillInference;
import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.task.DetectionResult;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InstillTask;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The DataStream quick start of the README and docs/datastream.md as a job you can run against your
 * Instill Core: detects objects in the JPEG files of a folder and prints how many each has ({@code
 * DocsSnippetsTest} keeps the snippets and this class the same).
 *
 * <pre>
 * {@code INSTILL_API_TOKEN=instill_sk_... java ... ai.instill.flink.examples.DataStreamQuickStart /path/to/jpegs}
 * </pre>
 */
public final class DataStreamQuickStart {

    /** A photo to enrich: its file name and its JPEG bytes. */
    public record Photo(String id, byte[] jpeg) implements Serializable {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Photo> photos =
                env.fromData(readPhotos(Path.of(args.length > 0 ? args[0] : ".")));

        InstillInference<Photo, Enriched<Photo>> detect =
                InstillInference.<Photo>builder()
                        .endpoint("localhost:8080")
                        .option(InstillOptions.AUTH_TOKEN_ENV, "INSTILL_API_TOKEN")
                        .modelName("acme/yolov7/v0.1.0")
                        .task(InstillTask.DETECTION)
                        .input(photo -> new ImageInput(Image.ofBytes(photo.jpeg())))
                        .failurePolicy(FailurePolicy.DEAD_LETTER)
                        .build();

        SingleOutputStreamOperator<Enriched<Photo>> enriched = detect.applyTo(photos);
        DataStream<DeadLetter<Photo>> failed = enriched.getSideOutput(detect.deadLetters());

        enriched.map(
                        e ->
                                e.input().id()
                                        + ": "
                                        + e.resultAs(DetectionResult.class).objects().size()
                                        + " objects",
                        Types.STRING)
                .print();
        failed.map(d -> d.input().id() + " failed: " + d.code() + " " + d.message(), Types.STRING)
                .print();
        env.execute("Instill detection quick start");
    }

    private static List<Photo> readPhotos(Path folder) throws IOException {
        List<Photo> photos = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file :
                    files.filter(f -> f.toString().toLowerCase().endsWith(".jpg"))
                            .sorted()
                            .toList()) {
                photos.add(new Photo(file.getFileName().toString(), Files.readAllBytes(file)));
            }
        }
        if (photos.isEmpty()) {
            throw new IllegalArgumentException("No .jpg files in " + folder.toAbsolutePath());
        }
        return photos;
    }
}
