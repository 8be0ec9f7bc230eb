#!/usr/bin/env bash
# Every test, on the Flink lines CI checks (the README's test command; .ci/run calls it):
#   1. the default build (Flink 2.2; its jars also serve 2.1 and 2.3): every module, unit and integration tests;
#   2. the oldest line, Flink 1.20 (its own build, -Pflink-1.20): the connector, the SQL jar and the examples;
#   3. the newest line, Flink 2.3 (-Pflink-2.3): the same modules, built and tested against Flink 2.3.
# Each line builds into its own folder (target/flink-<line>), so the steps never mix their classes. Extra arguments
# go to every Maven call (e.g. -o). Needs Java 17 and Maven 3.8+.
set -euo pipefail
cd "$(dirname "$0")/.."
LINE_MODULES=connector/flink-sql-connector-instill,examples
declare -a TIMES=()

run() { # run LABEL MAVEN-ARGS...
    local label=$1 start=$SECONDS
    shift
    echo "==== $label: mvn $*"
    mvn "$@"
    TIMES+=("$(printf '%-40s %4d s' "$label" $(( SECONDS - start )))")
}

run "Flink 2.2 (default build), all modules" -B -ntp verify "$@"
run "Flink 1.20 (-Pflink-1.20)" -B -ntp verify -Pflink-1.20 -pl "$LINE_MODULES" -am "$@"
run "Flink 2.3 (-Pflink-2.3)" -B -ntp verify -Pflink-2.3 -pl "$LINE_MODULES" -am "$@"

echo "==== every line passed"
printf '  %s\n' "${TIMES[@]}"
