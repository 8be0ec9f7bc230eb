package ai.instill.flink.client;

/** The API token, ready to send as a header, and never printed. */
final class ApiToken {
    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    static ApiToken of(String token) {
        if (token.isEmpty()) {
            throw new IllegalArgumentException("The API token is empty");
        }
        if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException(
                    "The API token contains white space or non-ASCII characters; it cannot be sent"
                            + " as a header");
        }
        return new ApiToken(token);
    }

    /** The value of the {@code authorization} header. */
    String bearer() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "ApiToken(redacted)";
    }
}
