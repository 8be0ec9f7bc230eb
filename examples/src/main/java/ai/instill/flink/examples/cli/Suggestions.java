package ai.instill.flink.examples.cli;

import java.util.Collection;

/** Finds the valid name a mistyped one was most likely meant to be. */
final class Suggestions {

    private Suggestions() {}

    /**
     * The candidate that ends with {@code .typed} (a key given without its group, such as {@code
     * token-env} for {@code auth.token-env}), else the one closest by edits (insert, delete,
     * replace, swap two neighbours), or null when none is close enough to be a typo of it.
     */
    static String nearest(String typed, Collection<String> candidates) {
        for (String candidate : candidates) {
            if (candidate.endsWith("." + typed)) {
                return candidate;
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(typed, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(2, typed.length() / 3) ? best : null;
    }

    /** The optimal-string-alignment distance: edits, with a swap of neighbours as one. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] =
                        Math.min(
                                Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1
                        && j > 1
                        && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
