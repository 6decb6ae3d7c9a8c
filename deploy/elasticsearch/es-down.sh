#!/usr/bin/env bash
# Stop the Elasticsearch node started by es-up.sh (found through its pid file
# in $ES_HOME_DIR). SIGTERM, wait up to $ES_STOP_TIMEOUT seconds, then SIGKILL.
# Idempotent: nothing running -> exit 0. Uses the same env vars as es-up.sh
# (ES_NODE_NAME / ES_HOME_DIR select the node).
set -euo pipefail

# shellcheck source=SCRIPTDIR/es-common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/es-common.sh"

if ! pid="$(es_running_pid)"; then
  if [[ -f "$ES_PID_FILE" ]]; then
    es_log "removing stale pid file $ES_PID_FILE"
    rm -f "$ES_PID_FILE"
  fi
  es_log "not running (no live process for $ES_PID_FILE)"
  if curl -s -m 3 -o /dev/null "$ES_URL/" 2>/dev/null; then
    es_log "note: something still answers on $ES_URL; it was not started from $ES_HOME_DIR"
  fi
  exit 0
fi

# alive: the process exists and is not a zombie (a killed node whose parent
# has not reaped it yet still answers kill -0).
alive() {
  kill -0 "$1" 2>/dev/null && [[ "$(awk '/^State:/ {print $2}' "/proc/$1/status" 2>/dev/null)" != Z ]]
}

es_log "stopping pid $pid (SIGTERM, up to ${ES_STOP_TIMEOUT}s)"
kill -TERM "$pid" 2>/dev/null || true
deadline=$((SECONDS + ES_STOP_TIMEOUT))
while alive "$pid"; do
  if ((SECONDS >= deadline)); then
    es_log "still alive after ${ES_STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 10))
    while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
    break
  fi
  sleep 1
done
if alive "$pid"; then
  es_die "pid $pid survived SIGKILL for 10s"
fi
rm -f "$ES_PID_FILE"
es_log "stopped"
