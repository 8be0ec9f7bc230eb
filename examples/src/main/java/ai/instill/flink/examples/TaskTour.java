package ai.instill.flink.examples;

import ai.instill.flink.client.InstillModelClient;
import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.examples.cli.OptionParser;
import ai.instill.flink.server.DefaultModels;
import ai.instill.flink.server.LocalModelServer;
import ai.instill.flink.task.ChatInput;
import ai.instill.flink.task.ChatMessage;
import ai.instill.flink.task.EmbeddingInput;
import ai.instill.flink.task.EmbeddingItem;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.TaskInput;
import ai.instill.flink.task.TaskResult;
import ai.instill.flink.task.TextGenerationInput;
import ai.instill.flink.task.TextToImageInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * A tour of every task: sends generated samples to a model for each task and prints the typed
 * results. Without arguments it starts the local model server (stand-in models); {@code --endpoint
 * host:port} and {@code --model TASK=namespace/model/version} point it at a real Instill Model
 * instead.
 */
public final class TaskTour {

    private static final OptionParser OPTIONS = new OptionParser(DemoOptions.tour());

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println("Usage: TaskTour [options]");
            System.out.print(OPTIONS.usage());
            return;
        }
        Configuration options;
        Map<InstillTask, String> models = defaultModels();
        try {
            options = OPTIONS.parse(args);
            models.putAll(
                    DemoOptions.models(options.getOptional(DemoOptions.MODELS).orElse(List.of())));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("Run with --help to list the options.");
            System.exit(2);
            return;
        }
        LocalModelServer local = null;
        Configuration config = new Configuration();
        if (options.getOptional(DemoOptions.ENDPOINT).isPresent()) {
            config.set(InstillOptions.ENDPOINT, options.get(DemoOptions.ENDPOINT));
            DemoOptions.tokenSource(options).forEach(config::set);
        } else {
            local = LocalModelServer.builder().port(0).withDefaultModels().build().start();
            config.set(InstillOptions.ENDPOINT, local.target());
            System.out.println(
                    "Started the local model server on "
                            + local.target()
                            + " with STAND-IN models (deterministic reference implementations, not"
                            + " real AI).");
        }
        int tasks = 0;
        try (InstillModelClient client = InstillModelClient.create(config)) {
            for (Map.Entry<InstillTask, String> entry : models.entrySet()) {
                InstillTask task = entry.getKey();
                List<TaskInput> inputs = List.of(sample(task, 1), sample(task, 2));
                long start = System.nanoTime();
                List<TaskResult> results =
                        client.trigger(ModelName.parse(entry.getValue()), task, inputs).join();
                long micros = (System.nanoTime() - start) / 1000;
                System.out.printf(
                        "%n== %s on %s: %d inputs in one call, %d µs%n",
                        task.componentId(), entry.getValue(), inputs.size(), micros);
                for (TaskResult result : results) {
                    System.out.println("   " + Pretty.abbreviate(result.toString(), 220));
                }
                tasks++;
            }
        } finally {
            if (local != null) {
                local.stop();
            }
        }
        System.out.printf("%nDone: %d tasks, every result typed and decoded.%n", tasks);
    }

    private static Map<InstillTask, String> defaultModels() {
        Map<InstillTask, String> models = new LinkedHashMap<>();
        models.put(InstillTask.CLASSIFICATION, DefaultModels.CLASSIFIER);
        models.put(InstillTask.DETECTION, DefaultModels.DETECTOR);
        models.put(InstillTask.KEYPOINT, DefaultModels.KEYPOINT);
        models.put(InstillTask.OCR, DefaultModels.OCR);
        models.put(InstillTask.INSTANCE_SEGMENTATION, DefaultModels.INSTANCE_SEGMENTER);
        models.put(InstillTask.SEMANTIC_SEGMENTATION, DefaultModels.SEMANTIC_SEGMENTER);
        models.put(InstillTask.TEXT_GENERATION, DefaultModels.COMPLETION);
        models.put(InstillTask.TEXT_GENERATION_CHAT, DefaultModels.CHAT);
        models.put(InstillTask.VISUAL_QUESTION_ANSWERING, DefaultModels.CHAT);
        models.put(InstillTask.CHAT, DefaultModels.CHAT);
        models.put(InstillTask.TEXT_TO_IMAGE, DefaultModels.TEXT_TO_IMAGE);
        models.put(InstillTask.EMBEDDING, DefaultModels.EMBEDDER);
        return models;
    }

    /** A generated input for the task. */
    static TaskInput sample(InstillTask task, long seed) {
        return switch (task) {
            case CLASSIFICATION -> new ImageInput(Image.ofBytes(SampleData.solid(seed)));
            case DETECTION, KEYPOINT, OCR, INSTANCE_SEGMENTATION, SEMANTIC_SEGMENTATION ->
                    new ImageInput(Image.ofBytes(SampleData.shapesAndText(seed)));
            case TEXT_GENERATION ->
                    TextGenerationInput.builder()
                            .prompt(SampleData.prompt(seed))
                            .maxNewTokens(32)
                            .build();
            case TEXT_GENERATION_CHAT, CHAT ->
                    ChatInput.builder()
                            .prompt(SampleData.prompt(seed))
                            .chatHistory(
                                    ChatMessage.user("Hello"),
                                    ChatMessage.assistant("Hi, how can I help?"))
                            .build();
            case VISUAL_QUESTION_ANSWERING ->
                    ChatInput.builder()
                            .prompt("What is in this picture?")
                            .promptImages(List.of(Image.ofBytes(SampleData.shapesAndText(seed))))
                            .build();
            case TEXT_TO_IMAGE ->
                    TextToImageInput.builder()
                            .prompt(SampleData.prompt(seed))
                            .aspectRatio("16:9")
                            .build();
            case EMBEDDING ->
                    EmbeddingInput.builder()
                            .items(
                                    EmbeddingItem.text(SampleData.prompt(seed)),
                                    EmbeddingItem.image(Image.ofBytes(SampleData.solid(seed))))
                            .dimensions(8)
                            .build();
        };
    }
}
