#!/usr/bin/env bash
# CI entry point for a fresh Debian machine: make sure the few prerequisites
# es-up.sh needs are present (installing only missing ones, with apt-get, and
# only when running as root), then run es-up.sh with the same arguments/env.
#
# Installs, only if missing: curl + ca-certificates, unzip, and a Java 17
# runtime (openjdk-17-jre-headless; normally preinstalled). Nothing else.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
say() { printf '[ensure-es] %s\n' "$*"; }

need=()
command -v curl >/dev/null || need+=(curl ca-certificates)
command -v unzip >/dev/null || need+=(unzip)
command -v flock >/dev/null || need+=(util-linux)

java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }
have_java17() {
  local j
  for j in "${ES_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-*; do
    [[ -n "$j" && -x "$j/bin/java" && "$(java_major "$j/bin/java")" -ge 17 ]] && return 0
  done
  command -v java >/dev/null && [[ "$(java_major java)" -ge 17 ]]
}
have_java17 || need+=(openjdk-17-jre-headless)

if ((${#need[@]})); then
  if [[ "$(id -u)" != 0 ]]; then
    say "missing packages: ${need[*]} (not root, cannot apt-get install them)" >&2
    exit 1
  fi
  command -v apt-get >/dev/null || { say "missing ${need[*]} and no apt-get" >&2; exit 1; }
  say "installing missing packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
else
  say "prerequisites present (curl, unzip, flock, Java 17+)"
fi

exec "$SCRIPT_DIR/es-up.sh" "$@"
