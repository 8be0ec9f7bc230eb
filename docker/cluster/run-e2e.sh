#!/usr/bin/env bash
# End-to-end run of the connector on a real multi-process Flink cluster on this machine, without Docker and without a
# Flink download: Flink's lib/ is assembled from Maven Central (flink-dist is not published there).
#
#   mvn -q -DskipTests package                          # the job jar, the SQL jar, the model server jar
#   docker/cluster/run-e2e.sh                           # Flink 2.2.1 (the version the project builds against)
#   FLINK_VERSION=2.3.0 docker/cluster/run-e2e.sh       # the same jars on 2.3 (and 2.1)
#   mvn -q -DskipTests package -Pflink-1.20 -pl connector/flink-sql-connector-instill,examples -am
#   FLINK_VERSION=1.20.3 docker/cluster/run-e2e.sh      # a line with its own build (1.20, 2.0): its jars
#
# The Flink line (major.minor of FLINK_VERSION) picks, from its profile in pom.xml: the connector's jars (the
# line's own build where the profile gives a version suffix, else the default build), the Flink Kafka connector,
# and the planner jar. The line also picks the SQL jobs: ML_PREDICT from 2.1 on, INSTILL_PREDICT (an async scalar
# function) from 1.19 on.
#
# It starts, as separate processes on loopback addresses only: the local model server (stand-in models, an API token
# required), a Kafka KRaft broker, a JobManager and two TaskManagers (2 slots each), with the connector's SQL jar in
# lib/ as in the Docker image (docker/Dockerfile). Then it
#   1. writes RECORDS prompts plus BAD_RECORDS malformed records to a 4-partition topic, submits the Kafka enrichment
#      job jar with `flink run -d`, parallelism 4, exactly-once, and checks every output and dead-letter record
#      (read_committed: counts, ids, no duplicates, each answer's content), then cancels the job;
#   2. runs examples/sql/enrich-with-ml-predict.sql (CREATE MODEL … 'provider'='instill', ML_PREDICT; Flink 2.1 and
#      later) and examples/sql/enrich-with-instill-predict.sql (INSTILL_PREDICT) through the SQL client (Flink 2.3.0
#      and later) or, where the SQL client cannot be assembled from Central (its flink-sql-gateway-api is missing
#      there), as a TableEnvironment program with `flink run`; checks every answer and every failed row of each,
#      then cancels it (where Central lacks the line's table jars, as for 1.20.5 and 2.1.3, the SQL jobs are reported
#      as not run, with what is missing);
#   3. prints PASS/FAIL with timings and the peak RSS of every process, and stops everything it started by process id,
#      also when a step fails.
#
# Settings (environment): FLINK_VERSION (default: the project's), RECORDS (1000), BAD_RECORDS (10), QUESTIONS (200),
# EMPTY_QUESTIONS (5), SQL_MODE (auto | client | program | skip), SQL_JOBS (default: every SQL job the line supports,
# of "ml-predict instill-predict"), KEEP_WORK (1 keeps the logs of a passing run), MVN (mvn command, e.g. "mvn -o"),
# PROMETHEUS (1: Flink's Prometheus reporter on the cluster and a real Prometheus reading the connector's metrics back,
# see prometheus.sh). Everything it writes goes below docker/cluster/work/ (git-ignored).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
MVN=${MVN:-mvn}

project_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1; }
line_property() { # line_property NAME: the property as the profile flink-$LINE of pom.xml sets it, else the default
    local value
    value=$(awk -v id="<id>flink-$LINE</id>" -v name="$1" '
        index($0, id) { inside = 1 }
        inside && /<\/profile>/ { exit }
        inside && match($0, "<" name ">[^<]*</" name ">") {
            value = substr($0, RSTART, RLENGTH); gsub(/<[^>]*>/, "", value); print value; exit }' "$ROOT/pom.xml")
    if [[ -n $value ]]; then echo "$value"; else project_property "$1"; fi
}
version_at_least() { printf '%s\n%s\n' "$2" "$1" | sort -V -C; } # version_at_least VERSION MINIMUM
PROJECT_VERSION=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml")
FLINK_VERSION=${FLINK_VERSION:-$(project_property flink.version)}
LINE=$(sed -n 's/^\([0-9]*\.[0-9]*\).*/\1/p' <<<"$FLINK_VERSION")
KAFKA_VERSION=$(project_property kafka.version)
KAFKA_CONNECTOR_VERSION=$(line_property flink.kafka.connector.version)
PLANNER_ARTIFACT=$(line_property flink.planner.artifact)
# a line whose profile gives a version suffix has its own build, in target/<its folder>; the others use the default's
LINE_SUFFIX=$(line_property flink.line.suffix)
BUILD_DIR=target${LINE_SUFFIX:+/$(line_property flink.line.folder)}
BUILD_HINT="mvn -q -DskipTests package${LINE_SUFFIX:+ -Pflink-$LINE -pl connector/flink-sql-connector-instill,examples -am}"
if [[ -z ${SQL_JOBS+set} ]]; then
    SQL_JOBS=""
    if version_at_least "$FLINK_VERSION" 2.1; then SQL_JOBS="ml-predict"; fi
    if version_at_least "$FLINK_VERSION" 1.19; then SQL_JOBS="$SQL_JOBS instill-predict"; fi
fi
RECORDS=${RECORDS:-1000}
BAD_RECORDS=${BAD_RECORDS:-10}
QUESTIONS=${QUESTIONS:-200}
EMPTY_QUESTIONS=${EMPTY_QUESTIONS:-5}
SQL_MODE=${SQL_MODE:-auto}
TIMEOUT=${TIMEOUT:-120}

JOB_JAR=$ROOT/examples/$BUILD_DIR/instill-flink-examples-$PROJECT_VERSION-job.jar
SQL_JAR=$ROOT/connector/flink-sql-connector-instill/$BUILD_DIR/flink-sql-connector-instill-$PROJECT_VERSION$LINE_SUFFIX.jar
SERVER_JAR=$ROOT/connector/instill-model-server/target/instill-model-server-$PROJECT_VERSION-all.jar

CACHE=$HERE/work/cache
DIST=$CACHE/flink-$FLINK_VERSION
WORK=$HERE/work/run-$FLINK_VERSION
CONF=$WORK/conf
LOG=$WORK/log

# the --add-opens/--add-exports list of flink-dist's config.yaml (env.java.opts.all), for Java 17
JAVA_OPENS=(--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
    --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
    --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
    --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
    --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED)

T0=$(date +%s%N)
declare -a PIDS=() NAMES=() TIMINGS=() RESULTS=()
FAILED=0
SQL_NOT_RUN=""

now_ms() { echo $(( ($(date +%s%N) - T0) / 1000000 )); }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; }
say() { printf '[%6s] %s\n' "$(secs "$(now_ms)")" "$*"; }
timing() { TIMINGS+=("$(printf '%-52s %8s' "$1" "$(secs "$2")")"); }
die() { say "FAIL: $*"; FAILED=1; exit 1; }

rss_report() {
    local i
    for i in "${!PIDS[@]}"; do
        if [[ -r /proc/${PIDS[$i]}/status ]]; then
            awk -v name="${NAMES[$i]}" -v pid="${PIDS[$i]}" '/^VmHWM:/ { printf "  %-22s pid %-8s peak RSS %5d MiB\n", name, pid, $2 / 1024 }' \
                "/proc/${PIDS[$i]}/status"
        fi
    done
}

stop_all() {
    local i pid deadline
    for (( i = ${#PIDS[@]} - 1; i >= 0; i-- )); do
        kill -TERM "${PIDS[$i]}" 2>/dev/null || true
    done
    deadline=$(( $(date +%s) + 15 ))
    for pid in "${PIDS[@]}"; do
        while kill -0 "$pid" 2>/dev/null && (( $(date +%s) < deadline )); do sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
    done
}

on_exit() {
    local code=$?
    trap - EXIT INT TERM
    [[ $code -ne 0 ]] && FAILED=1
    echo
    echo "==== Flink $FLINK_VERSION cluster e2e: $([[ $FAILED -eq 0 ]] && echo PASS || echo FAIL)${SQL_NOT_RUN:+ (SQL jobs not run)} ===="
    for line in "${RESULTS[@]}"; do echo "  $line"; done
    echo "timings (from script start):"
    for line in "${TIMINGS[@]}"; do echo "  $line"; done
    echo "processes:"
    rss_report
    if (( ${#PIDS[@]} > 0 )); then
        stop_all
        echo "stopped ${#PIDS[@]} processes by pid: ${PIDS[*]}"
    fi
    echo "total wall time: $(secs "$(now_ms)")"
    if [[ $FAILED -ne 0 ]]; then
        echo "logs: $LOG"
    elif [[ "${KEEP_WORK:-0}" != 1 ]]; then
        rm -rf "$WORK/kafka-data" "$WORK/tmp"
    fi
    exit $(( FAILED == 0 ? 0 : 1 ))
}
trap on_exit EXIT
trap 'exit 130' INT TERM

start() { # start NAME COMMAND... : runs in the background, output to $LOG/NAME.out
    local name=$1; shift
    "$@" >"$LOG/$name.out" 2>&1 &
    PIDS+=("$!"); NAMES+=("$name")
    echo "$!" >"$WORK/$name.pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
declare -A TAKEN=()
free_port() {
    local p
    for _ in $(seq 1 100); do
        p=$(( 20000 + RANDOM % 30000 ))
        if [[ -z "${TAKEN[$p]:-}" ]] && ! port_in_use "$p"; then TAKEN[$p]=1; echo "$p"; return 0; fi
    done
    return 1
}

wait_for() { # wait_for WHAT SECONDS COMMAND... : polls COMMAND until it succeeds
    local what=$1 limit=$2; shift 2
    local deadline=$(( $(date +%s) + limit ))
    until "$@" >/dev/null 2>&1; do
        (( $(date +%s) < deadline )) || die "$what not ready after ${limit} s (logs: $LOG)"
        local i; for i in "${!PIDS[@]}"; do
            kill -0 "${PIDS[$i]}" 2>/dev/null || die "${NAMES[$i]} exited (see $LOG/${NAMES[$i]}.out)"
        done
        sleep 0.3
    done
}

rest() { curl -fsS --max-time 10 "${@:2}" "http://127.0.0.1:$REST_PORT$1"; } # rest PATH [CURL FLAGS]
# shellcheck source=prometheus.sh
source "$HERE/prometheus.sh"

# ---- 0. what the script needs ---------------------------------------------------------------------------------------
[[ -n $LINE ]] || die "FLINK_VERSION=$FLINK_VERSION is not a Flink version"
for jar in "$JOB_JAR" "$SQL_JAR"; do
    [[ -f $jar ]] || die "missing $jar: run '$BUILD_HINT' first"
done
[[ -f $SERVER_JAR ]] || die "missing $SERVER_JAR: run 'mvn -q -DskipTests package' first"
command -v curl >/dev/null || die "curl is needed"
command -v jq >/dev/null || die "jq is needed"
if [[ $SQL_MODE == auto ]]; then
    # flink-sql-gateway-api is on Maven Central from 2.3.0 on, so only then can the SQL client be assembled
    if printf '2.3.0\n%s\n' "$FLINK_VERSION" | sort -V -C; then SQL_MODE=client; else SQL_MODE=program; fi
fi

rm -rf "$WORK"
mkdir -p "$WORK/tmp/web" "$WORK/tmp/web-upload" "$WORK/classes" "$WORK/jars" "$CONF" "$LOG" "$CACHE"
# run on copies, so that a build running meanwhile cannot change the jars under the cluster's feet
cp "$JOB_JAR" "$SQL_JAR" "$SERVER_JAR" "$WORK/jars/"
JOB_JAR=$WORK/jars/$(basename "$JOB_JAR"); SQL_JAR=$WORK/jars/$(basename "$SQL_JAR")
SERVER_JAR=$WORK/jars/$(basename "$SERVER_JAR")
say "Flink $FLINK_VERSION, Kafka broker $KAFKA_VERSION, Flink Kafka connector $KAFKA_CONNECTOR_VERSION," \
    "connector $PROJECT_VERSION$LINE_SUFFIX ($(basename "$SQL_JAR")); SQL jobs: ${SQL_JOBS:-none} via $SQL_MODE;" \
    "work folder $WORK"

# ---- 1. Flink's lib/, the SQL client, the Kafka broker and the Kafka SQL connector, from Maven Central (cached) -----
try_assemble() { # try_assemble PROFILE DIR: resolves PROFILE's jars into DIR (cached); fails if Maven cannot
    local profile=$1 dir=$2
    [[ -f $dir/.complete ]] && return 0
    rm -rf "$dir"
    $MVN -B -q -f "$HERE/pom.xml" -P "$profile" -Dflink.version="$FLINK_VERSION" -Dkafka.version="$KAFKA_VERSION" \
        -Dflink.kafka.connector.version="$KAFKA_CONNECTOR_VERSION" -Dflink.planner.artifact="$PLANNER_ARTIFACT" \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir" >"$LOG/mvn-$profile.out" 2>&1 \
        || return 1
    touch "$dir/.complete"
}
assemble() { try_assemble "$@" || die "resolving $1 from Maven failed (see $LOG/mvn-$1.out)"; }
missing() { # missing PROFILE: the Flink artifacts Maven could not resolve for PROFILE, space-separated
    grep -o 'org\.apache\.flink:[a-z0-9_.-]*:jar:[^ ,]*' "$LOG/mvn-$1.out" | sed 's/:*$//' | sort -u | tr '\n' ' '
}
if ! try_assemble flink-lib "$DIST/lib"; then
    MISSING=$(missing flink-lib)
    [[ -n $MISSING ]] || die "resolving Flink $FLINK_VERSION's lib/ from Maven failed (see $LOG/mvn-flink-lib.out)"
    die "Flink $FLINK_VERSION cannot be assembled: Maven Central, as reachable from this machine, does not serve" \
        "${MISSING}(see $LOG/mvn-flink-lib.out)."
fi
# the table jars, for the SQL jobs only: where Central lacks them, the DataStream job still runs and the SQL jobs are
# reported as not run, with what is missing
TABLE_CP=""
if [[ $SQL_MODE != skip && -n ${SQL_JOBS// /} ]]; then
    if try_assemble flink-table "$DIST/lib-table"; then TABLE_CP=":$DIST/lib-table/*"; else
        MISSING=$(missing flink-table)
        [[ -n $MISSING ]] || die "resolving Flink $FLINK_VERSION's table jars from Maven failed (see $LOG/mvn-flink-table.out)"
        SQL_NOT_RUN="Maven Central, as reachable from this machine, does not serve ${MISSING% }"
        say "SQL jobs not run: $SQL_NOT_RUN; the DataStream job runs on the core lib/"
        SQL_MODE=skip
    fi
fi
# flink-dist's lib/ also has the file system connector; no job here needs it, and Central lacks it for 2.0.2
if try_assemble flink-files "$DIST/lib-files"; then FILES_CP=":$DIST/lib-files/*"; else
    FILES_CP=""; say "flink-connector-files $FLINK_VERSION is not on Central: lib/ goes without it (no job reads files)"
fi
assemble kafka-broker "$CACHE/kafka-$KAFKA_VERSION/libs"
[[ $SQL_MODE == client ]] && assemble sql-client "$DIST/opt/sql-client"
# the Kafka SQL connector jar of the line; where Central has none (3.4.0-1.20, 5.0.0-2.1), the plain Kafka connector
# with its libraries, all given to the SQL job (-j, -C) and never put in lib/
if try_assemble sql-connectors "$CACHE/sql-connectors-$KAFKA_CONNECTOR_VERSION"; then
    KAFKA_SQL_JARS=("$CACHE/sql-connectors-$KAFKA_CONNECTOR_VERSION"/flink-sql-connector-kafka-*.jar)
    KAFKA_SQL_HOW="the Kafka SQL connector jar $KAFKA_CONNECTOR_VERSION"
else
    assemble kafka-connector "$CACHE/kafka-connector-$KAFKA_CONNECTOR_VERSION"
    KAFKA_SQL_JARS=("$CACHE/kafka-connector-$KAFKA_CONNECTOR_VERSION"/*.jar)
    KAFKA_SQL_HOW="flink-connector-kafka $KAFKA_CONNECTOR_VERSION and its ${#KAFKA_SQL_JARS[@]} jars (no Kafka SQL jar on Central)"
fi
# the SQL jar sits in lib/, as in the Docker image: DataStream jobs still bring their own connector (child-first)
FLINK_CP="$DIST/lib/*$TABLE_CP$FILES_CP:$SQL_JAR"
say "lib/ assembled: $(ls "$DIST/lib" | grep -c '\.jar$') jars, $(du -sh "$DIST/lib" | cut -f1)"
timing "lib/ assembled (cached after the first run)" "$(now_ms)"

# the helpers: ClusterCheck (writes inputs, checks outputs) and SqlScriptJob (the SQL script as a flink run job)
HELPERS=("$HERE"/src/ai/instill/flink/cluster/{ClusterCheck,DashboardPreview}.java)
[[ $SQL_MODE == skip ]] || HELPERS+=("$HERE"/src/ai/instill/flink/cluster/SqlScriptJob.java)
javac -nowarn -d "$WORK/classes" -cp "$JOB_JAR:$DIST/lib/*$TABLE_CP" "${HELPERS[@]}" 2>"$LOG/javac.out" \
    || die "compiling the helpers failed (see $LOG/javac.out)"
[[ $SQL_MODE == skip ]] || (cd "$WORK/classes" && jar cf "$WORK/sql-script-job.jar" ai/instill/flink/cluster/SqlScriptJob*.class)
CHECK_CP="$WORK/classes:$JOB_JAR:$(ls "$DIST"/lib/slf4j-api-*.jar "$DIST"/lib/log4j-*.jar | tr '\n' ':')"
check() { java -Dlog.file="$LOG/checks.log" -Dlog4j.configurationFile="file:$CONF/log4j-cli.properties" \
    -cp "$CHECK_CP" ai.instill.flink.cluster.ClusterCheck "$@"; }

# ---- 2. configuration ----------------------------------------------------------------------------------------------
REST_PORT=$(free_port); RPC_PORT=$(free_port); KAFKA_PORT=$(free_port); KAFKA_CONTROLLER_PORT=$(free_port)
MODEL_PORT=$(free_port)
BOOTSTRAP=127.0.0.1:$KAFKA_PORT
ENDPOINT=127.0.0.1:$MODEL_PORT
for f in config.yaml log4j.properties log4j-cli.properties kafka-server.properties log4j2-kafka.properties; do
    sed -e "s|@REST_PORT@|$REST_PORT|g" -e "s|@RPC_PORT@|$RPC_PORT|g" -e "s|@WORK@|$WORK|g" \
        -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
        "$HERE/conf/$f" >"$CONF/$f"
done
export FLINK_CONF_DIR=$CONF
# The model server requires this token; only the server and the TaskManagers get it (the job names the variable).
API_TOKEN="e2e-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
say "ports on 127.0.0.1: REST $REST_PORT, RPC $RPC_PORT, Kafka $KAFKA_PORT/$KAFKA_CONTROLLER_PORT, model server $MODEL_PORT"
prometheus_start

# ---- 3. start the processes -----------------------------------------------------------------------------------------
start model-server env INSTILL_API_TOKEN="$API_TOKEN" java -Xmx256m -Djava.io.tmpdir="$WORK/tmp" -jar "$SERVER_JAR" \
    --host 127.0.0.1 --port "$MODEL_PORT" --api-token-env INSTILL_API_TOKEN

KAFKA_CP="$CACHE/kafka-$KAFKA_VERSION/libs/*"
KAFKA_JAVA=(java -Xms256m -Xmx512m -Djava.io.tmpdir="$WORK/tmp" -Dkafka.log.file="$LOG/kafka.log"
    -Dlog4j2.configurationFile="$CONF/log4j2-kafka.properties" -cp "$KAFKA_CP")
# a KRaft cluster id is any base64 UUID; formatting the storage and computing Flink's memory flags (the way
# bin/jobmanager.sh and bin/taskmanager.sh do) are three JVM start-ups, run side by side
KAFKA_CLUSTER_ID=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
"${KAFKA_JAVA[@]}" kafka.tools.StorageTool format --standalone -t "$KAFKA_CLUSTER_ID" \
    -c "$CONF/kafka-server.properties" >"$LOG/kafka-format.out" 2>&1 &
FORMAT_PID=$!
resource_params() { # resource_params GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS -> two lines: JVM flags, dynamic options
    java -cp "$FLINK_CP" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$CONF" 2>/dev/null \
        | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' | tail -2 >"$WORK/$1"
}
resource_params GET_JM_RESOURCE_PARAMS & JM_PARAMS_PID=$!
resource_params GET_TM_RESOURCE_PARAMS & TM_PARAMS_PID=$!
wait "$FORMAT_PID" || die "formatting Kafka storage failed (see $LOG/kafka-format.out)"
start kafka "${KAFKA_JAVA[@]}" kafka.Kafka "$CONF/kafka-server.properties"
wait "$JM_PARAMS_PID" "$TM_PARAMS_PID" || true
mapfile -t JM_PARAMS <"$WORK/GET_JM_RESOURCE_PARAMS"
mapfile -t TM_PARAMS <"$WORK/GET_TM_RESOURCE_PARAMS"
[[ ${#JM_PARAMS[@]} -eq 2 && ${#TM_PARAMS[@]} -eq 2 ]] || die "BashJavaUtils gave no memory settings"
flink_process() { # flink_process NAME CLASS JVM_FLAGS DYNAMIC_OPTIONS
    local name=$1 main=$2 jvm=$3 dynamic=$4
    # shellcheck disable=SC2086 # the flags are word lists
    start "$name" env INSTILL_API_TOKEN="$API_TOKEN" java $jvm "${JAVA_OPENS[@]}" -Djava.io.tmpdir="$WORK/tmp" \
        -Dlog.file="$LOG/$name.log" -Dlog4j.configurationFile="file:$CONF/log4j.properties" \
        -cp "$FLINK_CP" "$main" --configDir "$CONF" $dynamic
}
flink_process jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    "${JM_PARAMS[0]}" "${JM_PARAMS[1]}"
flink_process taskmanager-1 org.apache.flink.runtime.taskexecutor.TaskManagerRunner "${TM_PARAMS[0]}" "${TM_PARAMS[1]}"
flink_process taskmanager-2 org.apache.flink.runtime.taskexecutor.TaskManagerRunner "${TM_PARAMS[0]}" "${TM_PARAMS[1]}"
say "started model server, Kafka broker, JobManager and 2 TaskManagers (pids ${PIDS[*]})"

two_taskmanagers() { [[ $(rest /taskmanagers | jq '.taskmanagers | length') -ge 2 ]]; }
wait_for "model server" 60 grep -q "listening on" "$LOG/model-server.out"
timing "model server ready" "$(now_ms)"
wait_for "Kafka broker" 90 grep -q "Kafka Server started" "$LOG/kafka.log"
timing "Kafka broker ready" "$(now_ms)"
wait_for "Flink cluster" 90 two_taskmanagers
timing "JobManager + 2 TaskManagers registered" "$(now_ms)"
say "cluster ready: $(rest /overview | jq -c '{taskmanagers: .taskmanagers, slots: ."slots-total", flink: ."flink-version"}')"

flink_cli() { # bin/flink
    java "${JAVA_OPENS[@]}" -Djava.io.tmpdir="$WORK/tmp" -Dlog.file="$LOG/flink-cli.log" \
        -Dlog4j.configurationFile="file:$CONF/log4j-cli.properties" -cp "$FLINK_CP" \
        org.apache.flink.client.cli.CliFrontend "$@"
}
job_state() { rest "/jobs/$1" | jq -r .state; }
job_running() { # all vertices of the job are RUNNING
    rest "/jobs/$1" | jq -e '.state == "RUNNING" and ([.vertices[].status] | all(. == "RUNNING"))'
}
job_canceled() { [[ $(job_state "$1") == CANCELED ]]; }
cancel_job() {
    rest "/jobs/$1?mode=cancel" -X PATCH >/dev/null || die "cancelling job $1 failed"
    wait_for "cancellation of job $1" 60 job_canceled "$1"
}

# ---- 4. the DataStream job: Kafka -> Instill Model -> Kafka, parallelism 4, exactly-once --------------------------
check produce-prompts "$BOOTSTRAP" prompts 4 "$RECORDS" "$BAD_RECORDS" | sed 's/^/  /' \
    || die "writing the input records failed"
t_submit=$(now_ms)
flink_cli run -d "$JOB_JAR" \
    --bootstrap-servers "$BOOTSTRAP" --input-topic prompts --output-topic prompts.enriched \
    --dead-letter-topic prompts.failed --task TEXT_GENERATION --model-name local/stand-in-completion/v1 \
    --endpoint "$ENDPOINT" --auth.token-env INSTILL_API_TOKEN --prompt-field prompt \
    --parallelism 4 --checkpoint-interval 2s --topic-partitions 2 >"$LOG/flink-run-datastream.out" 2>&1 \
    || die "flink run failed (see $LOG/flink-run-datastream.out)"
JOB_ID=$(sed -n 's/.*submitted with JobID \([0-9a-f]\{32\}\).*/\1/p' "$LOG/flink-run-datastream.out" | head -1)
[[ -n $JOB_ID ]] || die "no job id in $LOG/flink-run-datastream.out"
timing "flink run -d (DataStream job jar) returned" "$(( $(now_ms) - t_submit ))"
wait_for "job $JOB_ID running" 60 job_running "$JOB_ID"
PLACEMENT=$(rest "/jobs/$JOB_ID" | jq -r '[.vertices[] | "\(.name | .[0:40]): \(.parallelism)"] | join("; ")')
TMS_USED=$(for v in $(rest "/jobs/$JOB_ID" | jq -r '.vertices[].id'); do
    rest "/jobs/$JOB_ID/vertices/$v/taskmanagers" | jq -r '.taskmanagers[]."taskmanager-id"'; done | sort -u | wc -l)
say "DataStream job $JOB_ID running on $TMS_USED TaskManagers; operators: $PLACEMENT"
[[ $TMS_USED -eq 2 ]] || die "the job should run on both TaskManagers"
[[ $(rest "/jobs/$JOB_ID" | jq '[.vertices[].parallelism] | max') -eq 4 ]] || die "the job should run with parallelism 4"
check check-enriched "$BOOTSTRAP" prompts prompts.enriched prompts.failed "$RECORDS" "$BAD_RECORDS" "$TIMEOUT" \
    | tee "$LOG/check-datastream.out" | sed 's/^/  /' || true
if grep -q FAIL "$LOG/check-datastream.out" || ! grep -q "records in = enriched" "$LOG/check-datastream.out"; then
    RESULTS+=("FAIL DataStream job (flink run, parallelism 4, exactly-once): see $LOG/check-datastream.out")
    die "the DataStream job's output is wrong"
fi
timing "DataStream: every record checked (from submit)" "$(( $(now_ms) - t_submit ))"
RESULTS+=("PASS DataStream job jar, flink run -d, parallelism 4 on 2 TaskManagers, exactly-once:"
    "     $RECORDS enriched + $BAD_RECORDS dead letters, every id once, every answer as expected (read_committed)")
prometheus_check
cancel_job "$JOB_ID"
say "DataStream job cancelled"

# ---- 5. the SQL jobs: ML_PREDICT with CREATE MODEL ... 'provider' = 'instill' (2.1+), INSTILL_PREDICT (1.19+) ----
run_sql_job() { # run_sql_job NAME SCRIPT ANSWERS_TOPIC FAILED_TOPIC WHAT
    local name=$1 script=$2 answers=$3 failed=$4 what=$5 how sql_job t_sql
    check produce-questions "$BOOTSTRAP" "$answers" 1 0 0 >/dev/null || die "creating topic $answers failed"
    check produce-questions "$BOOTSTRAP" "$failed" 1 0 0 >/dev/null || die "creating topic $failed failed"
    # the example script with its placeholders and output topics filled in, the token variable named (never the token)
    sed -e "s|\${BOOTSTRAP}|$BOOTSTRAP|g" -e "s|\${ENDPOINT}|$ENDPOINT|g" \
        -e "s|'topic' = 'answers'|'topic' = '$answers'|" -e "s|'topic' = 'questions-failed'|'topic' = '$failed'|" \
        -e "s|'provider' = 'instill',|'provider' = 'instill',\n    'auth.token-env' = 'INSTILL_API_TOKEN',|" \
        -e "s|^SET 'instill.endpoint' = .*|&\nSET 'instill.auth.token-env' = 'INSTILL_API_TOKEN';|" \
        "$ROOT/examples/sql/$script" >"$WORK/$script"
    t_sql=$(now_ms)
    if [[ $SQL_MODE == client ]]; then
        how="SQL client (sql-client.sh -j <Kafka connector> -f $script)"
        local jars=() jar
        for jar in "${KAFKA_SQL_JARS[@]}"; do jars+=(-j "$jar"); done
        java "${JAVA_OPENS[@]}" -Djava.io.tmpdir="$WORK/tmp" -Dlog.file="$LOG/sql-client-$name.log" \
            -Dlog4j.configurationFile="file:$CONF/log4j-cli.properties" \
            -cp "$FLINK_CP:$DIST/opt/sql-client/*" org.apache.flink.table.client.SqlClient \
            embedded "${jars[@]}" -f "$WORK/$script" \
            --history "$WORK/sql-history" >"$LOG/sql-job-$name.out" 2>&1 </dev/null \
            || die "the SQL client failed (see $LOG/sql-job-$name.out)"
        grep -q "Job ID" "$LOG/sql-job-$name.out" || die "the SQL client submitted no job (see $LOG/sql-job-$name.out)"
    else
        how="TableEnvironment program (flink run -C <Kafka connector>)"
        local classpath=() jar
        for jar in "${KAFKA_SQL_JARS[@]}"; do classpath+=(-C "file://$jar"); done
        flink_cli run -d "${classpath[@]}" -c ai.instill.flink.cluster.SqlScriptJob \
            "$WORK/sql-script-job.jar" "$WORK/$script" >"$LOG/sql-job-$name.out" 2>&1 \
            || die "submitting the SQL job failed (see $LOG/sql-job-$name.out)"
    fi
    sql_job=$(rest /jobs/overview | jq -r '[.jobs[] | select(.state == "RUNNING" or .state == "CREATED" or .state == "INITIALIZING")][0].jid')
    [[ -n $sql_job && $sql_job != null ]] || die "no SQL job on the cluster (see $LOG/sql-job-$name.out)"
    timing "SQL $name: job submitted ($SQL_MODE)" "$(( $(now_ms) - t_sql ))"
    say "SQL job $sql_job ($what) submitted through the $how"
    check check-answers "$BOOTSTRAP" "$answers" "$failed" "$QUESTIONS" "$EMPTY_QUESTIONS" "$TIMEOUT" \
        | tee "$LOG/check-sql-$name.out" | sed 's/^/  /' || true
    if grep -q FAIL "$LOG/check-sql-$name.out" || ! grep -q "failed rows with error_code" "$LOG/check-sql-$name.out"; then
        RESULTS+=("FAIL SQL job $what via $SQL_MODE: see $LOG/check-sql-$name.out")
        die "the SQL job's output is wrong"
    fi
    timing "SQL $name: every row checked (from submit)" "$(( $(now_ms) - t_sql ))"
    RESULTS+=("PASS SQL job ($what) via the $how, with $KAFKA_SQL_HOW:"
        "     $QUESTIONS answers + $EMPTY_QUESTIONS failed rows with error columns, every id once, every answer as expected")
    cancel_job "$sql_job"
    say "SQL job cancelled"
}

if [[ $SQL_MODE == skip ]]; then
    RESULTS+=("SKIP SQL jobs (${SQL_NOT_RUN:-SQL_MODE=skip})")
else
    check produce-questions "$BOOTSTRAP" questions 2 "$QUESTIONS" "$EMPTY_QUESTIONS" | sed 's/^/  /' \
        || die "writing the questions failed"
    if [[ " $SQL_JOBS " == *" ml-predict "* ]]; then
        run_sql_job ml-predict enrich-with-ml-predict.sql answers questions-failed \
            "CREATE MODEL 'provider'='instill' + ML_PREDICT"
    elif version_at_least "$FLINK_VERSION" 2.1; then
        RESULTS+=("SKIP SQL job with CREATE MODEL + ML_PREDICT: not in SQL_JOBS")
    else
        RESULTS+=("SKIP SQL job with CREATE MODEL + ML_PREDICT: Flink $LINE has neither (they need Flink 2.1 or later)")
    fi
    if [[ " $SQL_JOBS " == *" instill-predict "* ]]; then
        run_sql_job instill-predict enrich-with-instill-predict.sql fn-answers fn-questions-failed \
            "INSTILL_PREDICT, an async scalar function"
    elif version_at_least "$FLINK_VERSION" 1.19; then
        RESULTS+=("SKIP SQL job with INSTILL_PREDICT: not in SQL_JOBS")
    else
        RESULTS+=("SKIP SQL job with INSTILL_PREDICT: Flink $LINE has no async scalar functions (1.19 and later)")
    fi
fi
