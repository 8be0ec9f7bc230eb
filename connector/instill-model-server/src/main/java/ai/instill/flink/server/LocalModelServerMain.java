package ai.instill.flink.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Function;

/**
 * Runs a {@link LocalModelServer} from the command line until the process is killed; see {@code
 * --help}.
 */
public final class LocalModelServerMain {

    private LocalModelServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        ServerCommandLine cli;
        LocalModelServer server;
        try {
            cli = ServerCommandLine.parse(args);
            if (cli.help) {
                System.out.println(ServerCommandLine.usage());
                return;
            }
            server = start(cli, System::getenv);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(ServerCommandLine.usage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(server::stop, "local-model-server-shutdown"));
        System.out.println(banner(server, cli));
        server.awaitTermination();
    }

    /**
     * Builds and starts the server the command line describes, reading secrets through {@code
     * environment}.
     */
    static LocalModelServer start(ServerCommandLine cli, Function<String, String> environment) {
        LocalModelServer.Builder builder = LocalModelServer.builder().host(cli.host).port(cli.port);
        if (cli.models.isEmpty()) {
            builder.withDefaultModels().withModelPacks();
        } else {
            cli.models.forEach(builder::model);
        }
        String token = apiToken(cli, environment);
        if (token != null) {
            builder.apiToken(token);
        }
        if (cli.tlsKeyStore != null) {
            builder.tls(
                    cli.tlsKeyStore,
                    requiredEnv(environment, cli.tlsKeyStorePasswordEnv, "key store password"));
        }
        LocalModelServer server = builder.build().start();
        for (String model : server.modelNames()) {
            cli.applyFaults(server.faults(model));
        }
        return server;
    }

    /**
     * What is printed at start-up: where the server listens, then one line per model with its task
     * and backend, so that no stand-in passes for a real model.
     */
    static String banner(LocalModelServer server, ServerCommandLine cli) {
        long real = ModelList.realCount(server);
        long standIns = server.modelNames().size() - real;
        return "Instill Model local server listening on "
                + server.host()
                + ":"
                + server.port()
                + (cli.tlsKeyStore != null ? " (TLS" : " (plaintext")
                + (cli.apiTokenEnv != null || cli.apiTokenFile != null
                        ? ", API token required)"
                        : ", no auth)")
                + ", protocol generations model.model.v1alpha and model.v1alpha; serving "
                + real
                + " real and "
                + standIns
                + " STAND-IN models (deterministic reference implementations, not real AI):"
                + System.lineSeparator()
                + String.join(System.lineSeparator(), ModelList.lines(server));
    }

    private static String apiToken(ServerCommandLine cli, Function<String, String> environment) {
        if (cli.apiTokenEnv != null) {
            return requiredEnv(environment, cli.apiTokenEnv, "API token");
        }
        if (cli.apiTokenFile != null) {
            try {
                String token = Files.readString(cli.apiTokenFile, StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) {
                    throw new IllegalArgumentException(
                            "the API token file " + cli.apiTokenFile + " is empty");
                }
                return token;
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "cannot read the API token file " + cli.apiTokenFile + ": " + e);
            }
        }
        return null;
    }

    private static String requiredEnv(
            Function<String, String> environment, String variable, String what) {
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(
                    "the " + what + " environment variable " + variable + " is not set");
        }
        return value;
    }
}
