package ai.instill.flink.task;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads wire JSON (inline or from {@code src/test/resources/task}) into Structs and prints Structs
 * for messages.
 */
final class WireJson {

    private WireJson() {}

    static Struct parse(String json) {
        Struct.Builder struct = Struct.newBuilder();
        try {
            JsonFormat.parser().merge(json, struct);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("bad test JSON: " + json, e);
        }
        return struct.build();
    }

    static Struct resource(String name) {
        try (InputStream in = WireJson.class.getResourceAsStream("/task/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource task/" + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String print(Struct struct) {
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(struct);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
