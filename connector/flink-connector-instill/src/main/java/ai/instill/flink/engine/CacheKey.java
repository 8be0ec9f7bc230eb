package ai.instill.flink.engine;

import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.WireInput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identity of a request in the result cache: the SHA-256 of its endpoint, model (namespace,
 * name and version), task and task input with its parameters, as it goes out on the wire. Neither
 * the token nor any other header is part of it: the namespace in the model name already says whose
 * model answers.
 */
final class CacheKey {
    private final byte[] digest;
    private final int hash;

    private CacheKey(byte[] digest) {
        this.digest = digest;
        this.hash = ByteBuffer.wrap(digest).getInt();
    }

    /** The keys of one endpoint and task, whose common prefix is digested once. */
    static Scope scope(String endpoint, InstillTask task) {
        return new Scope(endpoint, task);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheKey other && Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "CacheKey[" + HexFormat.of().formatHex(digest, 0, 8) + "…]";
    }

    /** Makes the keys of the requests of one endpoint and task. */
    static final class Scope {
        private final MessageDigest prefix;

        private Scope(String endpoint, InstillTask task) {
            try {
                prefix = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
            feed(prefix, "instill-result-cache/1");
            feed(prefix, endpoint);
            feed(prefix, task.name());
        }

        CacheKey key(ModelName model, WireInput input) {
            MessageDigest digest;
            synchronized (prefix) {
                try {
                    digest = (MessageDigest) prefix.clone();
                } catch (CloneNotSupportedException e) {
                    throw new IllegalStateException("SHA-256 digests can be cloned", e);
                }
            }
            feed(digest, model.namespace());
            feed(digest, model.model());
            feed(digest, model.versionIfPinned().orElse(""));
            input.digest(digest);
            return new CacheKey(digest.digest());
        }

        /** A length and the UTF-8 text, so that no two sequences of texts feed the same bytes. */
        private static void feed(MessageDigest digest, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            digest.update(bytes);
        }
    }
}
