# shellcheck shell=bash
# PROMETHEUS=1 for run-e2e.sh: Flink's Prometheus reporter on the JobManager and both TaskManagers (from
# plugins/metrics-prometheus/, as in the Docker image), a real Prometheus scraping them, and the connector's metrics
# read back through Prometheus's HTTP API while the DataStream job runs. Every query of the Grafana dashboard
# (docker/grafana/dashboards/instill-connector.json) is evaluated too, and its series are kept in
# $WORK/prometheus/dashboard/ and drawn by DashboardPreview into $WORK/prometheus/dashboard.png. Sourced by
# run-e2e.sh, whose helpers (say, die, start, wait_for, free_port, port_in_use, timing, assemble, now_ms) and variables
# (RESULTS, LOG, CONF, DIST, WORK, ROOT, JOB_JAR, RECORDS, BAD_RECORDS, FLINK_VERSION, T0, t_submit) it uses.
#
# The prometheus binary comes from PROMETHEUS_BIN or the PATH (Debian: apt-get install prometheus, or apt-get download
# prometheus and dpkg-deb -x it); without one the check is skipped with a message.

PROM_SCRAPE_INTERVAL=2s
PROM_RATE_INTERVAL=8s     # what Grafana's $__rate_interval is for this scrape interval: 4 scrapes
PROM_PREFIX=flink_taskmanager_job_task_operator_instill_

prometheus_enabled() { [[ ${PROMETHEUS:-0} == 1 ]]; }

# After conf/ is written, before Flink starts: the reporter's plugin and configuration, and Prometheus itself.
prometheus_start() {
    prometheus_enabled || return 0
    PROMETHEUS_BIN=${PROMETHEUS_BIN:-$(command -v prometheus || true)}
    if [[ -z $PROMETHEUS_BIN || ! -x $PROMETHEUS_BIN ]]; then
        say "Prometheus: no prometheus binary (set PROMETHEUS_BIN, or apt-get install prometheus); skipped"
        RESULTS+=("SKIP Prometheus (PROMETHEUS=1): no prometheus binary on the PATH or in PROMETHEUS_BIN")
        PROMETHEUS=0
        return 0
    fi
    assemble metrics-prometheus "$DIST/plugins/metrics-prometheus"
    export FLINK_PLUGINS_DIR=$DIST/plugins
    # three reporters on one host: each takes the first free port of a range of three
    local base
    for _ in $(seq 1 100); do
        base=$(( 20000 + RANDOM % 30000 ))
        port_in_use "$base" || port_in_use $((base + 1)) || port_in_use $((base + 2)) || break
    done
    PROM_REPORTER_PORTS=("$base" $((base + 1)) $((base + 2)))
    printf '%s\n' "metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory" \
        "metrics.reporter.prom.port: $base-$((base + 2))" >>"$CONF/config.yaml"

    PROM_PORT=$(free_port)
    mkdir -p "$WORK/prometheus/dashboard"
    cat >"$WORK/prometheus/prometheus.yml" <<YAML
global:
  scrape_interval: $PROM_SCRAPE_INTERVAL
  evaluation_interval: $PROM_SCRAPE_INTERVAL
scrape_configs:
  - job_name: flink
    static_configs:
      - targets: [$(printf '"127.0.0.1:%s",' "${PROM_REPORTER_PORTS[@]}" | sed 's/,$//')]
YAML
    start prometheus "$PROMETHEUS_BIN" --config.file="$WORK/prometheus/prometheus.yml" \
        --storage.tsdb.path="$WORK/prometheus/data" --web.listen-address="127.0.0.1:$PROM_PORT"
    wait_for "Prometheus" 60 curl -fsS "http://127.0.0.1:$PROM_PORT/-/ready"
    say "Prometheus $("$PROMETHEUS_BIN" --version 2>&1 | head -1 | awk '{print $3}') on 127.0.0.1:$PROM_PORT scrapes the reporters on ports ${PROM_REPORTER_PORTS[*]}"
}

prom_query() { # prom_query PROMQL -> the API's JSON answer
    curl -fsS --max-time 10 "http://127.0.0.1:$PROM_PORT/api/v1/query" --data-urlencode "query=$1"
}
prom_value() { prom_query "$1" | jq -r '.data.result[0].value[1] // "none"'; }
prom_targets_up() { [[ $(curl -fsS "http://127.0.0.1:$PROM_PORT/api/v1/targets" | jq '[.data.activeTargets[] | select(.health == "up")] | length') -eq 3 ]]; }
prom_records_in_is() { [[ $(prom_value "sum(${PROM_PREFIX}recordsIn)") == "$1" ]]; }

# While the DataStream job runs, after its output was checked: the records it read, back through Prometheus.
prometheus_check() {
    prometheus_enabled || return 0
    local expected=$(( RECORDS + BAD_RECORDS )) t0
    t0=$(now_ms)
    wait_for "Prometheus targets (JobManager + 2 TaskManagers) up" 60 prom_targets_up
    wait_for "sum(${PROM_PREFIX}recordsIn) = $expected in Prometheus" 60 prom_records_in_is "$expected"
    timing "Prometheus: recordsIn read back (after the checks)" "$(( $(now_ms) - t0 ))"
    local series tms
    series=$(prom_value "count(${PROM_PREFIX}recordsIn)")
    tms=$(prom_value "count(count by (tm_id) (${PROM_PREFIX}recordsIn))")
    say "Prometheus: sum(${PROM_PREFIX}recordsIn) = $expected over $series subtasks on $tms TaskManagers"
    prom_query "${PROM_PREFIX}recordsIn" | jq -r '.data.result[0].metric
        | "  labels of a series: \(del(.__name__) | keys | join(", "))",
          "  job_name=\(.job_name), operator_name=\(.operator_name), subtask_index=\(.subtask_index)"'
    [[ $series -eq 4 && $tms -eq 2 ]] || die "expected 4 series of recordsIn on 2 TaskManagers, got $series on $tms"

    # every dashboard query, as Grafana would send it with every job and operator selected
    local dashboard=$ROOT/docker/grafana/dashboards/instill-connector.json start end errors=0 empty=() total=0 line
    start=$(( (T0 / 1000000 + t_submit) / 1000 ))      # from the job's submission (run-e2e.sh's clock)
    end=$(date +%s)
    while IFS=$'\t' read -r panel ref expr; do
        total=$((total + 1))
        expr=${expr//'$job_name'/.*}; expr=${expr//'$operator_name'/.*}; expr=${expr//'$__rate_interval'/$PROM_RATE_INTERVAL}
        curl -fsS --max-time 20 "http://127.0.0.1:$PROM_PORT/api/v1/query_range" --data-urlencode "query=$expr" \
            --data-urlencode "start=$start" --data-urlencode "end=$end" --data-urlencode "step=2" \
            >"$WORK/prometheus/dashboard/$panel-$ref.json" 2>"$LOG/prometheus-query.err" \
            || { errors=$((errors + 1)); say "  query failed: $expr"; continue; }
        if [[ $(jq '.data.result | length' "$WORK/prometheus/dashboard/$panel-$ref.json") -eq 0 ]]; then
            empty+=("$(jq -r --argjson id "$panel" '.panels[] | select(.id == $id) | "\(.title) (\(.type))"' "$dashboard") $ref")
        fi
    done < <(jq -r '.panels[] | .id as $id | .targets[] | [$id, .refId, .expr] | @tsv' "$dashboard")
    for line in "${empty[@]}"; do say "  no data yet: $line"; done
    (( errors == 0 )) || die "$errors dashboard queries failed on Prometheus"
    local version picture="not rendered (see $LOG/dashboard-preview.out)"
    version=$("$PROMETHEUS_BIN" --version 2>&1 | head -1 | awk '{print $3}')
    java -Djava.awt.headless=true -cp "$WORK/classes:$JOB_JAR" ai.instill.flink.cluster.DashboardPreview "$dashboard" \
        "$WORK/prometheus/dashboard" "$WORK/prometheus/dashboard.png" \
        "Flink $FLINK_VERSION, 2 TaskManagers, parallelism 4; $RECORDS prompts and $BAD_RECORDS malformed records for the stand-in completion model; Prometheus $version scraping every $PROM_SCRAPE_INTERVAL, rate interval $PROM_RATE_INTERVAL; times in UTC" \
        >"$LOG/dashboard-preview.out" 2>&1 && picture=$WORK/prometheus/dashboard.png
    say "Prometheus: the dashboard's series drawn into $picture"
    RESULTS+=("PASS Prometheus $version scraped the JobManager and 2 TaskManagers (Flink's Prometheus reporter, plugins/):"
        "     sum(${PROM_PREFIX}recordsIn) = $expected read back over its HTTP API; $total dashboard queries evaluated, $(( total - ${#empty[@]} )) with data")
}
