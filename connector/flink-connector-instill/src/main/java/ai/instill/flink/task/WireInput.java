package ai.instill.flink.task;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Struct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.flink.annotation.Internal;

/**
 * One validated input ready to send: its size on the wire and its task_input Struct, kept or built
 * at each send.
 */
@Internal
public final class WireInput {
    private final Struct encoded;
    private final Supplier<Struct> encoder;
    private final Consumer<MessageDigest> content;
    private final int size;

    private WireInput(
            Struct encoded, Supplier<Struct> encoder, Consumer<MessageDigest> content, int size) {
        this.encoded = encoded;
        this.encoder = encoder;
        this.content = content;
        this.size = size;
    }

    static WireInput kept(Struct encoded) {
        return new WireInput(encoded, null, null, encoded.getSerializedSize());
    }

    /**
     * An input encoded at each send; {@code content} feeds a digest with what determines its wire
     * form (for an image, its bytes), so that it need not be encoded to be told apart.
     */
    static WireInput builtAtSend(
            Supplier<Struct> encoder, Consumer<MessageDigest> content, int size) {
        return new WireInput(null, encoder, content, size);
    }

    /**
     * The serialized size in bytes (for an input built at send, an upper bound within 64 bytes).
     */
    public int size() {
        return size;
    }

    /**
     * The task_input Struct; an input built at send is encoded anew on every call, so nothing holds
     * it in between.
     */
    public Struct struct() {
        return encoded != null ? encoded : encoder.get();
    }

    /**
     * Feeds {@code digest} with the input's content: two inputs feed the same bytes exactly when
     * they go out on the wire alike (a kept Struct as its deterministic serialization, with map
     * keys sorted; an image as its bytes).
     */
    public void digest(MessageDigest digest) {
        if (encoded == null) {
            content.accept(digest);
            return;
        }
        byte[] bytes = new byte[encoded.getSerializedSize()];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.useDeterministicSerialization();
        try {
            encoded.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("a Struct could not be written to an array", e);
        }
        digest.update(bytes);
    }
}
