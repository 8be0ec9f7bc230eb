package ai.instill.flink.examples.kafka.testutils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key pairs and certificates made at test time with the JDK's keytool: a PKCS12 key store per
 * party, its certificate as PEM, and its private key as a PKCS#8 PEM file (what gRPC's
 * TlsChannelCredentials reads).
 */
public final class Certificates {
    public static final String PASSWORD = "changeit";

    private Certificates() {}

    /** One party's files. */
    public record Party(Path keyStore, Path certificatePem, Path privateKeyPem) {}

    /**
     * A self-signed key pair for {@code cn}; {@code san} like "dns:localhost,ip:127.0.0.1" or null.
     */
    public static Party create(Path dir, String alias, String cn, String san) throws Exception {
        Path keyStore = dir.resolve(alias + ".p12");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "-genkeypair",
                                "-alias",
                                alias,
                                "-keyalg",
                                "RSA",
                                "-keysize",
                                "2048",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                keyStore.toString(),
                                "-storepass",
                                PASSWORD,
                                "-keypass",
                                PASSWORD,
                                "-dname",
                                "CN=" + cn,
                                "-validity",
                                "2"));
        if (san != null) {
            args.addAll(List.of("-ext", "SAN=" + san));
        }
        keytool(args);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Path certificate = dir.resolve(alias + ".pem");
        StringBuilder chain = new StringBuilder();
        for (Certificate cert : store.getCertificateChain(alias)) {
            chain.append(pem("CERTIFICATE", cert.getEncoded()));
        }
        Files.writeString(certificate, chain, StandardCharsets.US_ASCII);
        Path key = dir.resolve(alias + "-key.pem");
        Files.writeString(
                key,
                pem("PRIVATE KEY", store.getKey(alias, PASSWORD.toCharArray()).getEncoded()),
                StandardCharsets.US_ASCII);
        return new Party(keyStore, certificate, key);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN "
                + type
                + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END "
                + type
                + "-----\n";
    }

    private static void keytool(List<String> args)
            throws IOException, InterruptedException, GeneralSecurityException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
