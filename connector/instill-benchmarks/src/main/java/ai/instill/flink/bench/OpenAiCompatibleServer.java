package ai.instill.flink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local OpenAI-compatible {@code POST /v1/chat/completions} endpoint for the flink-model-openai
 * comparison: it answers like the completion stand-in (the words of the last message reversed)
 * after the same latency model as the Instill server, {@code latency + perInput} per request (one
 * input per request). {@code TCP_NODELAY} is on (the system property {@code
 * sun.net.httpserver.nodelay}, build notes P15), or every answer would wait ~40 ms for a delayed
 * ACK.
 */
final class OpenAiCompatibleServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService workers;
    private final AtomicLong ids = new AtomicLong();
    private volatile long delayNanos;

    private OpenAiCompatibleServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    static OpenAiCompatibleServer start() throws IOException {
        if (!Boolean.getBoolean("sun.net.httpserver.nodelay")) {
            throw new IllegalStateException(
                    "set -Dsun.net.httpserver.nodelay=true before the HTTP server class loads");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        ExecutorService workers =
                Executors.newCachedThreadPool(
                        runnable -> {
                            Thread thread = new Thread(runnable, "openai-stand-in");
                            thread.setDaemon(true);
                            return thread;
                        });
        OpenAiCompatibleServer server = new OpenAiCompatibleServer(http, workers);
        http.createContext("/v1/chat/completions", server::chat);
        http.setExecutor(workers);
        http.start();
        return server;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void timing(Duration latency, Duration perInput) {
        delayNanos = latency.plus(perInput).toNanos();
    }

    private void chat(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        try (exchange) {
            JsonNode request;
            try (InputStream body = exchange.getRequestBody()) {
                request = JSON.readTree(body);
            }
            JsonNode messages = request.path("messages");
            String prompt =
                    messages.isArray() && !messages.isEmpty()
                            ? messages.get(messages.size() - 1).path("content").asText("")
                            : "";
            byte[] answer =
                    JSON.writeValueAsBytes(
                            completion(request.path("model").asText("stand-in"), prompt));
            long wait = delayNanos - (System.nanoTime() - start);
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode completion(String model, String prompt) {
        String[] words = prompt.trim().split("\\s+");
        StringBuilder reversed = new StringBuilder(prompt.length());
        for (int i = words.length - 1; i >= 0; i--) {
            reversed.append(words[i]).append(i > 0 ? " " : "");
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-" + ids.incrementAndGet());
        root.put("object", "chat.completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", model);
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", reversed.toString());
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", words.length);
        usage.put("completion_tokens", words.length);
        usage.put("total_tokens", 2 * words.length);
        return root;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
