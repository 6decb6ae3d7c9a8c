#!/usr/bin/env bash
# Start one real Elasticsearch 8 node on 127.0.0.1 for dev/CI.
#
# Fetches Elastic's integ-test server distribution from Maven Central (into the
# git-ignored .cache/), writes a per-node config, starts the node as a
# dedicated system user when run as root, and waits until it is healthy.
# Idempotent: a node that is already up and healthy on $ES_PORT is left alone.
#
# Env vars (defaults): ES_VERSION (8.19.21) ES_PORT (9200) ES_TRANSPORT_PORT
# (9300) ES_NODE_NAME (mw-dev) ES_CLUSTER_NAME (modelwire-dev) ES_HEAP (512m)
# ES_HOME_DIR (.cache/<node name>) ES_SEED_HOSTS ES_INITIAL_MASTERS
# ES_START_TIMEOUT (180) ES_WAIT_STATUS (yellow|green|none). See README.md.
#
# Usage: es-up.sh [--fetch-only]
#   --fetch-only  download, verify and unpack the distribution, then exit
#                 (e.g. a CI cache-warming step); starts nothing.
set -euo pipefail

FETCH_ONLY=""
case "${1:-}" in
  "") ;;
  --fetch-only) FETCH_ONLY=1 ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0 [--fetch-only]" >&2; exit 2 ;;
esac

# shellcheck source=SCRIPTDIR/es-common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/es-common.sh"

T0=$SECONDS
TMP_HDR="$(mktemp)"
TMP_BODY="$(mktemp)"
trap 'rm -f "$TMP_HDR" "$TMP_BODY"' EXIT

# http GET path -> prints HTTP status code ("000" when nothing answers);
# headers land in $TMP_HDR, body in $TMP_BODY.
http_get() {
  curl -s -m "${2:-10}" -o "$TMP_BODY" -D "$TMP_HDR" -w '%{http_code}' "$ES_URL$1" 2>/dev/null || true
}

health_path() {
  case "$ES_WAIT_STATUS" in
    yellow | green) printf '/_cluster/health?wait_for_status=%s&timeout=5s&master_timeout=5s' "$ES_WAIT_STATUS" ;;
    none) printf '/_cluster/health?local=true&timeout=1s&master_timeout=1s' ;;
    *) es_die "ES_WAIT_STATUS must be yellow, green or none (got '$ES_WAIT_STATUS')" ;;
  esac
}

# 0 when the node on $ES_PORT satisfies ES_WAIT_STATUS.
node_healthy() {
  local code
  code="$(http_get "$(health_path)" 10)"
  if [[ "$ES_WAIT_STATUS" == none ]]; then
    [[ "$code" != 000 ]]
  else
    [[ "$code" == 200 ]] && ! grep -q '"timed_out":true' "$TMP_BODY"
  fi
}

check_product_header() {
  if grep -qi '^x-elastic-product: *Elasticsearch' "$TMP_HDR"; then
    es_log "X-Elastic-Product: Elasticsearch header present (go-elasticsearch v8 product check OK)"
  else
    es_log "WARNING: response lacks the 'X-Elastic-Product: Elasticsearch' header;" \
      "the go-elasticsearch v8 client will refuse this server"
  fi
}

report_node() {
  local pid="${1:-}" status version rss=""
  http_get '/_cluster/health?timeout=5s&master_timeout=5s' >/dev/null
  status="$(grep -o '"status":"[a-z]*"' "$TMP_BODY" | head -n1 | cut -d'"' -f4 || true)"
  local nodes
  nodes="$(grep -o '"number_of_nodes":[0-9]*' "$TMP_BODY" | cut -d: -f2 || true)"
  check_product_header
  http_get '/_nodes/_local?filter_path=nodes.*.version' >/dev/null
  version="$(grep -o '"version":"[^"]*"' "$TMP_BODY" | head -n1 | cut -d'"' -f4 || true)"
  if [[ -n "$pid" && -r "/proc/$pid/status" ]]; then
    rss="$(awk '/^VmRSS/ {printf "%d MiB", $2/1024}' "/proc/$pid/status")"
  fi
  es_log "node up: $ES_URL version=${version:-?} cluster=$ES_CLUSTER_NAME status=${status:-?}" \
    "nodes=${nodes:-?} pid=${pid:-?} rss=${rss:-?}"
}

print_failure_logs() {
  es_log "---- tail of $ES_LOG_FILE ----" >&2
  tail -n 60 "$ES_LOG_FILE" >&2 2>/dev/null || es_log "(no ES log yet)" >&2
  if [[ -s "$ES_HOME_DIR/launcher.log" ]]; then
    es_log "---- tail of $ES_HOME_DIR/launcher.log ----" >&2
    tail -n 30 "$ES_HOME_DIR/launcher.log" >&2
  fi
}

# ---------------------------------------------------------------- already up?
if [[ -z "$FETCH_ONLY" ]] && pid="$(es_running_pid)"; then
  if node_healthy; then
    es_log "already running (pid $pid) and healthy on $ES_URL"
    report_node "$pid"
    exit 0
  fi
  es_log "node process $pid exists but is not healthy yet; waiting for it"
  LAUNCHER_PID=""
else
  [[ -n "$FETCH_ONLY" ]] || rm -f "$ES_PID_FILE" 2>/dev/null || true
  code=000
  [[ -n "$FETCH_ONLY" ]] || code="$(http_get '/' 5)"
  if [[ "$code" != 000 ]]; then
    if grep -qi '^x-elastic-product: *Elasticsearch' "$TMP_HDR" && node_healthy; then
      es_log "an Elasticsearch node (not started from $ES_HOME_DIR) is already up and healthy on $ES_URL"
      report_node ""
      exit 0
    fi
    es_die "port $ES_PORT is already in use by something that is not a healthy Elasticsearch node (HTTP $code)"
  fi

  # -------------------------------------------------------------- prerequisites
  for tool in unzip sha1sum flock; do
    command -v "$tool" >/dev/null || es_die "'$tool' is missing; run ensure-es.sh (installs it with apt-get) or install it"
  done
  command -v curl >/dev/null || command -v mvn >/dev/null ||
    es_die "neither curl nor mvn found; run ensure-es.sh"

  # ES_JAVA_HOME > JAVA_HOME > Debian's Java 17 > java on PATH.
  java_home="${ES_JAVA_HOME:-${JAVA_HOME:-}}"
  if [[ -z "$java_home" ]]; then
    for d in /usr/lib/jvm/java-17-openjdk-*; do
      [[ -x "$d/bin/java" ]] && java_home="$d" && break
    done
  fi
  if [[ -z "$java_home" ]] && command -v java >/dev/null; then
    java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
  [[ -n "$java_home" && -x "$java_home/bin/java" ]] ||
    es_die "no Java found; install Java 17+ or set ES_JAVA_HOME"
  java_major="$("$java_home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  [[ "${java_major:-0}" -ge 17 ]] || es_die "Java at $java_home is version '${java_major:-?}', need 17+"

  # ------------------------------------------------------- fetch and unpack
  mkdir -p "$ES_CACHE_DIR/downloads" "$ES_CACHE_DIR/dist"
  exec 9>"$ES_CACHE_DIR/.lock"
  flock 9 # serialise concurrent es-up.sh runs (e.g. two nodes) on the shared cache

  artifact_path="org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
  sha1_ok() { [[ -s "$ES_ZIP.sha1" && -f "$ES_ZIP" ]] &&
    [[ "$(sha1sum "$ES_ZIP" | cut -d' ' -f1)" == "$(cut -d' ' -f1 <"$ES_ZIP.sha1" | tr -d '\r\n')" ]]; }

  if sha1_ok; then
    es_log "distribution $ES_VERSION already downloaded (sha1 verified)"
  else
    es_log "downloading elasticsearch $ES_VERSION (integ-test-zip) from $ES_MAVEN_REPO"
    rm -f "$ES_ZIP" "$ES_ZIP.part"
    fetched=""
    if command -v curl >/dev/null &&
      curl -fsS --retry 3 -o "$ES_ZIP.sha1" "$ES_MAVEN_REPO/$artifact_path.sha1" &&
      curl -fsS --retry 3 -o "$ES_ZIP.part" "$ES_MAVEN_REPO/$artifact_path"; then
      mv "$ES_ZIP.part" "$ES_ZIP"
      fetched=curl
    elif command -v mvn >/dev/null; then
      es_log "curl download failed; trying mvn dependency:copy"
      rm -f "$ES_ZIP.part"
      mvn -B -q -C org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
        -DoutputDirectory="$ES_CACHE_DIR/downloads" -Dmdep.overWriteReleases=true ||
        es_die "mvn could not fetch org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"
      # Maven keeps the repository's .sha1 next to the artifact in the local repo.
      m2_sha1="${MAVEN_LOCAL_REPO:-$HOME/.m2/repository}/$artifact_path.sha1"
      if [[ -s "$m2_sha1" ]]; then cp "$m2_sha1" "$ES_ZIP.sha1"; fi
      fetched=mvn
    else
      es_die "download of $ES_MAVEN_REPO/$artifact_path failed"
    fi
    if [[ -s "$ES_ZIP.sha1" ]]; then
      sha1_ok || { rm -f "$ES_ZIP"; es_die "sha1 mismatch for $ES_ZIP (expected $(cat "$ES_ZIP.sha1"))"; }
      es_log "downloaded with $fetched, sha1 verified: $(cut -d' ' -f1 <"$ES_ZIP.sha1")"
    else
      # mvn -C (strict checksums) already verified the checksum while downloading.
      sha1sum "$ES_ZIP" | cut -d' ' -f1 >"$ES_ZIP.sha1"
      es_log "downloaded with $fetched (checksum verified by maven -C)"
    fi
    rm -rf "$ES_DIST_DIR" # re-unpack after a fresh download
  fi

  if [[ ! -f "$ES_DIST_DIR/.unpacked" ]]; then
    es_log "unpacking into ${ES_DIST_DIR#"$ES_SCRIPT_DIR"/}"
    rm -rf "$ES_DIST_DIR" "$ES_CACHE_DIR/dist/.tmp"
    mkdir -p "$ES_CACHE_DIR/dist/.tmp"
    unzip -q "$ES_ZIP" -d "$ES_CACHE_DIR/dist/.tmp"
    mv "$ES_CACHE_DIR/dist/.tmp/elasticsearch-$ES_VERSION" "$ES_DIST_DIR"
    rmdir "$ES_CACHE_DIR/dist/.tmp"
    chmod -R a+rX "$ES_DIST_DIR"
    touch "$ES_DIST_DIR/.unpacked"
  fi
  flock -u 9
  exec 9>&-
  if [[ -n "$FETCH_ONLY" ]]; then
    es_log "distribution ready in $ES_DIST_DIR"
    exit 0
  fi

  # ------------------------------------------------------------ node config
  conf="$ES_HOME_DIR/config"
  mkdir -p "$conf/jvm.options.d" "$ES_HOME_DIR/data" "$ES_HOME_DIR/logs" "$ES_HOME_DIR/tmp"
  # Copy the stock config once (log4j2, jvm.options, ...); elasticsearch.yml
  # and the heap options are rewritten on every start.
  cp -R -n "$ES_DIST_DIR/config/." "$conf/"

  yaml_list() { # "a, b" -> ["a", "b"]
    local out="" item
    local -a items
    IFS=',' read -r -a items <<<"$1"
    for item in "${items[@]}"; do
      item="${item// /}"
      [[ -n "$item" ]] && out+="${out:+, }\"$item\""
    done
    printf '[%s]' "$out"
  }
  if [[ -n "$ES_SEED_HOSTS" ]]; then
    discovery="discovery.seed_hosts: $(yaml_list "$ES_SEED_HOSTS")"
    if [[ -n "$ES_INITIAL_MASTERS" ]]; then
      discovery+=$'\n'"cluster.initial_master_nodes: $(yaml_list "$ES_INITIAL_MASTERS")"
    fi
    mode="multi-node (seed hosts: $ES_SEED_HOSTS)"
  else
    [[ -z "$ES_INITIAL_MASTERS" ]] || es_die "ES_INITIAL_MASTERS needs ES_SEED_HOSTS"
    discovery="discovery.type: single-node"
    mode="single-node"
  fi

  cat >"$conf/elasticsearch.yml" <<EOF
# Generated by deploy/elasticsearch/es-up.sh on every start; edits are lost.
cluster.name: $ES_CLUSTER_NAME
node.name: $ES_NODE_NAME
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
$discovery
path.data: $ES_HOME_DIR/data
path.logs: $ES_HOME_DIR/logs
cluster.routing.allocation.disk.threshold_enabled: false
# The integ-test distribution ships x-pack-core/x-pack-security; plain HTTP for dev.
xpack.security.enabled: false
EOF
  printf -- '-Xms%s\n-Xmx%s\n' "$ES_HEAP" "$ES_HEAP" >"$conf/jvm.options.d/modelwire-heap.options"

  # --------------------------------------------------------------- run as
  runner=()
  if [[ "$(id -u)" == 0 ]]; then
    if ! id -u "$ES_USER" >/dev/null 2>&1; then
      es_log "creating system user '$ES_USER' (Elasticsearch refuses to run as root)"
      useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin "$ES_USER"
    fi
    chown -R "$ES_USER:" "$ES_HOME_DIR"
    runner=(runuser -u "$ES_USER" --)
    "${runner[@]}" test -r "$ES_DIST_DIR/lib/elasticsearch-$ES_VERSION.jar" -a -w "$ES_HOME_DIR/data" ||
      es_die "user '$ES_USER' cannot read $ES_DIST_DIR or write $ES_HOME_DIR" \
        "(a parent directory is not world-searchable?); set ES_CACHE_DIR/ES_HOME_DIR elsewhere"
  fi

  # ------------------------------------------------------------------ start
  es_log "starting $mode node: http $ES_URL, transport 127.0.0.1:$ES_TRANSPORT_PORT, heap $ES_HEAP, java $java_home"
  es_log "home ${ES_HOME_DIR}"
  cd "$ES_HOME_DIR"
  setsid "${runner[@]}" env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    ES_JAVA_HOME="$java_home" \
    ES_PATH_CONF="$conf" \
    ES_TMPDIR="$ES_HOME_DIR/tmp" \
    ES_JAVA_OPTS="${ES_JAVA_OPTS:-}" \
    "$ES_DIST_DIR/bin/elasticsearch" -d -p "$ES_PID_FILE" \
    >"$ES_HOME_DIR/launcher.log" 2>&1 </dev/null &
  LAUNCHER_PID=$!
fi

# ------------------------------------------------------------------- wait
es_log "waiting up to ${ES_START_TIMEOUT}s for cluster status '$ES_WAIT_STATUS' on $ES_URL"
deadline=$((SECONDS + ES_START_TIMEOUT))
next_report=$((SECONDS + 10))
while true; do
  if node_healthy; then
    pid="$(es_running_pid || true)"
    es_log "healthy after $((SECONDS - T0))s"
    report_node "$pid"
    exit 0
  fi
  if [[ -n "$LAUNCHER_PID" ]] && ! kill -0 "$LAUNCHER_PID" 2>/dev/null; then
    rc=0
    wait "$LAUNCHER_PID" || rc=$?
    LAUNCHER_PID=""
    if [[ "$rc" != 0 ]]; then
      print_failure_logs
      es_die "elasticsearch launcher exited with status $rc"
    fi
  fi
  if [[ -z "$LAUNCHER_PID" ]] && ! es_running_pid >/dev/null; then
    print_failure_logs
    es_die "node process is gone (see logs above)"
  fi
  if ((SECONDS >= deadline)); then
    print_failure_logs
    es_die "not healthy after ${ES_START_TIMEOUT}s; the process may still be running: stop it with es-down.sh"
  fi
  if ((SECONDS >= next_report)); then
    es_log "... still starting ($((SECONDS - T0))s)"
    next_report=$((SECONDS + 10))
  fi
  sleep 2
done
