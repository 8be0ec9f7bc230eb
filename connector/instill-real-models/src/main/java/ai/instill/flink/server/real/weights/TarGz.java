package ai.instill.flink.server.real.weights;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/** Reads chosen regular files out of a gzip-compressed tar archive (ustar and pax headers). */
final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {}

    /** The contents of the wanted entries that the archive holds, by entry name. */
    static Map<String, byte[]> read(Path archive, Set<String> wanted) throws IOException {
        Map<String, byte[]> found = new HashMap<>();
        try (InputStream file = Files.newInputStream(archive);
                DataInputStream tar = new DataInputStream(new GZIPInputStream(file, 1 << 16))) {
            byte[] header = new byte[BLOCK];
            String paxPath = null;
            while (true) {
                try {
                    tar.readFully(header);
                } catch (EOFException e) {
                    break;
                }
                if (isZero(header)) {
                    break;
                }
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                String octalSize = text(header, 124, 12).trim();
                long size = octalSize.isEmpty() ? 0 : Long.parseLong(octalSize, 8);
                char type = (char) header[156];
                byte[] content = new byte[(int) size];
                tar.readFully(content);
                tar.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
                if (type == 'x') {
                    paxPath = paxPath(content);
                    continue;
                }
                String path =
                        paxPath != null ? paxPath : prefix.isEmpty() ? name : prefix + "/" + name;
                paxPath = null;
                if ((type == '0' || type == 0) && wanted.contains(path)) {
                    found.put(path, content);
                }
            }
        }
        return found;
    }

    private static String paxPath(byte[] records) {
        for (String record : new String(records, StandardCharsets.UTF_8).split("\n")) {
            int equals = record.indexOf('=');
            int space = record.indexOf(' ');
            if (space > 0 && equals > space && record.substring(space + 1, equals).equals("path")) {
                return record.substring(equals + 1);
            }
        }
        return null;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
