package ai.instill.flink.task;

import com.google.protobuf.Struct;
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
    private final int size;

    private WireInput(Struct encoded, Supplier<Struct> encoder, int size) {
        this.encoded = encoded;
        this.encoder = encoder;
        this.size = size;
    }

    static WireInput kept(Struct encoded) {
        return new WireInput(encoded, null, encoded.getSerializedSize());
    }

    static WireInput builtAtSend(Supplier<Struct> encoder, int size) {
        return new WireInput(null, encoder, size);
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
}
