# shellcheck shell=bash
# Variables defined here are used by the scripts that source this file.
# shellcheck disable=SC2034
# Shared settings and helpers for es-up.sh / es-down.sh / ensure-es.sh.
# Sourced, not executed. Every setting can be overridden from the environment.

ES_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

ES_VERSION="${ES_VERSION:-8.19.21}"
ES_PORT="${ES_PORT:-9200}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-9300}"
ES_NODE_NAME="${ES_NODE_NAME:-mw-dev}"
ES_CLUSTER_NAME="${ES_CLUSTER_NAME:-modelwire-dev}"
ES_HEAP="${ES_HEAP:-512m}"
# Comma-separated lists; when ES_SEED_HOSTS is set the node is started in
# multi-node mode instead of discovery.type=single-node.
ES_SEED_HOSTS="${ES_SEED_HOSTS:-}"
ES_INITIAL_MASTERS="${ES_INITIAL_MASTERS:-}"
# Shared cache: downloaded zip + unpacked distribution (git-ignored).
ES_CACHE_DIR="${ES_CACHE_DIR:-$ES_SCRIPT_DIR/.cache}"
# Per-node directory: config, data, logs, tmp, pid file.
ES_HOME_DIR="${ES_HOME_DIR:-$ES_CACHE_DIR/$ES_NODE_NAME}"
# Seconds to wait for the node to come up / go down.
ES_START_TIMEOUT="${ES_START_TIMEOUT:-180}"
ES_STOP_TIMEOUT="${ES_STOP_TIMEOUT:-60}"
# Cluster status es-up.sh waits for: yellow | green | none (just "HTTP answers").
ES_WAIT_STATUS="${ES_WAIT_STATUS:-yellow}"
# System user that runs the node when the scripts are run as root.
ES_USER="${ES_USER:-elasticsearch}"
# Maven repository the distribution is fetched from.
ES_MAVEN_REPO="${ES_MAVEN_REPO:-https://repo.maven.apache.org/maven2}"

ES_URL="http://127.0.0.1:${ES_PORT}"
ES_PID_FILE="$ES_HOME_DIR/es.pid"
ES_DIST_DIR="$ES_CACHE_DIR/dist/elasticsearch-$ES_VERSION"
ES_ZIP="$ES_CACHE_DIR/downloads/elasticsearch-$ES_VERSION.zip"
ES_LOG_FILE="$ES_HOME_DIR/logs/$ES_CLUSTER_NAME.log"

es_log() { printf '[es %s] %s\n' "$ES_NODE_NAME" "$*"; }
es_die() { printf '[es %s] ERROR: %s\n' "$ES_NODE_NAME" "$*" >&2; exit 1; }

# Prints the pid from the pid file if that process is alive and is an
# Elasticsearch JVM; returns non-zero otherwise.
es_running_pid() {
  local pid
  [[ -f "$ES_PID_FILE" ]] || return 1
  pid="$(tr -dc '0-9' <"$ES_PID_FILE")"
  [[ -n "$pid" ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'org.elasticsearch' || return 1
  printf '%s\n' "$pid"
}
