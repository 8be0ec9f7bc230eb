package ai.instill.flink.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts {@link BenchServerMain} in a child JVM on this JVM's class path and talks to it. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader answers;
    private final PrintWriter commands;
    private final String grpcTarget;
    private final int openAiPort;

    private ServerProcess(Process process) throws IOException {
        this.process = process;
        this.answers =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String ready = answers.readLine();
        if (ready == null || !ready.startsWith("ready ")) {
            process.destroyForcibly();
            throw new IllegalStateException("the server process did not start: " + ready);
        }
        String[] words = ready.split(" ");
        this.grpcTarget = words[1];
        this.openAiPort = Integer.parseInt(words[2]);
    }

    static ServerProcess start(String heap) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                java,
                                heap,
                                "-XX:+UseG1GC",
                                "-Dsun.net.httpserver.nodelay=true",
                                "-Dlog4j2.configurationFile=log4j2-bench.properties",
                                "-cp",
                                System.getProperty("java.class.path"),
                                BenchServerMain.class.getName()));
        try {
            Process process =
                    new ProcessBuilder(command)
                            .redirectError(ProcessBuilder.Redirect.INHERIT)
                            .start();
            return new ServerProcess(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server process", e);
        }
    }

    String grpcTarget() {
        return grpcTarget;
    }

    String openAiEndpoint() {
        return "http://127.0.0.1:" + openAiPort + "/v1/chat/completions";
    }

    /**
     * Sets the timing of every model (and the OpenAI endpoint): a call's latency drawn uniformly
     * from latency ± jitter; clears the counters.
     */
    void timing(double latencyMs, double jitterMs, double perInputMs) {
        ask(
                "timing "
                        + Math.round(latencyMs * 1000)
                        + " "
                        + Math.round(perInputMs * 1000)
                        + " "
                        + Math.round(jitterMs * 1000));
    }

    /**
     * calls, largest batch, peak concurrent calls and inputs of one model since the last {@link
     * #timing}.
     */
    long[] stats(String model) {
        String[] words = ask("stats " + model).split(" ");
        return new long[] {
            Long.parseLong(words[0]),
            Long.parseLong(words[1]),
            Long.parseLong(words[2]),
            Long.parseLong(words[3])
        };
    }

    long cpuNanos() {
        return Long.parseLong(ask("cpu"));
    }

    private synchronized String ask(String command) {
        commands.println(command);
        try {
            String answer = answers.readLine();
            if (answer == null || answer.startsWith("error")) {
                throw new IllegalStateException("server process: " + command + " -> " + answer);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            commands.println("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
