package ai.instill.flink.server.real.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Checks a file against an npm integrity string ({@code sha512-<base64 digest>}). */
final class Integrity {

    private Integrity() {}

    /** The file's integrity string, as npm writes it. */
    static String of(Path file) throws IOException {
        MessageDigest sha512;
        try {
            sha512 = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-512", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha512.update(buffer, 0, n);
            }
        }
        return "sha512-" + Base64.getEncoder().encodeToString(sha512.digest());
    }

    /**
     * @throws IOException when the file's digest is not the pinned one
     */
    static void check(Path file, String pinned) throws IOException {
        String actual = of(file);
        if (!actual.equals(pinned)) {
            throw new IOException(
                    file.getFileName() + " has integrity " + actual + ", not the pinned " + pinned);
        }
    }
}
