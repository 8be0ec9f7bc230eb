package ai.instill.flink.bench;

import ai.instill.flink.server.LocalModelServer;
import ai.instill.flink.server.ModelStats;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The benchmark's server process: the local Instill model server and the OpenAI-compatible
 * endpoint, both with the same latency model, driven line by line over stdin so that their CPU and
 * heap stay out of the measured JVM.
 *
 * <p>Commands: {@code timing <latencyMicros> <perInputMicros> <jitterMicros>} (a call's latency is
 * drawn from latency ± jitter; also clears the counters), {@code stats <model>} (answers {@code
 * calls maxInputsPerCall peakConcurrentCalls}), {@code cpu} (process CPU nanoseconds), {@code
 * quit}.
 */
public final class BenchServerMain {

    private BenchServerMain() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (LocalModelServer server =
                        LocalModelServer.builder().withDefaultModels().build().start();
                OpenAiCompatibleServer openAi = OpenAiCompatibleServer.start()) {
            out.println("ready " + server.target() + " " + openAi.port());
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = line.trim().split("\\s+");
                switch (words[0]) {
                    case "timing" -> {
                        Duration latency = Duration.ofNanos(Long.parseLong(words[1]) * 1000);
                        Duration perInput = Duration.ofNanos(Long.parseLong(words[2]) * 1000);
                        Duration jitter = Duration.ofNanos(Long.parseLong(words[3]) * 1000);
                        server.reset();
                        for (String model : server.modelNames()) {
                            server.faults(model)
                                    .latency(latency.minus(jitter), latency.plus(jitter))
                                    .perInputTime(perInput);
                        }
                        openAi.timing(latency, perInput);
                        out.println("ok");
                    }
                    case "stats" -> {
                        ModelStats stats = server.stats(words[1]);
                        out.println(
                                stats.calls()
                                        + " "
                                        + stats.maxInputsPerCall()
                                        + " "
                                        + stats.peakConcurrentCalls()
                                        + " "
                                        + stats.inputs());
                    }
                    case "cpu" -> out.println(processCpuNanos());
                    case "quit" -> {
                        return;
                    }
                    default -> out.println("error unknown command " + words[0]);
                }
            }
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
