#!/usr/bin/env bash
# Validates the deployment files with the tools made for them — they cannot be
# started here (no container engine, no cluster), so they must at least be valid:
#   - docker-compose.yml with compose-go, the loader of Docker Compose itself
#   - Kubernetes manifests with kubernetes-validate (strict, offline schemas)
#   - systemd units with systemd-analyze verify (any warning fails)
#   - Helm values files parse as YAML
#   - the compose and Kubernetes modelwire.yaml pass `modelwire config check`
#   - Prometheus and Grafana provisioning parse; the dashboard is checked
#     against the metrics modelwire exports by cmd/modelwire's tests
# Tools are fetched into deploy/.cache on first use.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cache="$here/.cache"
mkdir -p "$cache"
say() { printf '[validate] %s\n' "$*"; }

say "compose: deploy/compose/docker-compose.yml"
# The file requires the NATS passwords (deploy/nats/auth.conf): placeholders here.
(cd "$here/tools/composecheck" &&
  for u in CRAWLER EXTRACTOR INDEXER SERVE READER RUN; do export "MODELWIRE_NATS_${u}_PASSWORD=check-only"; done &&
  go run . "$here/compose/docker-compose.yml")

say "kubernetes: deploy/k8s/*.yaml"
venv="$cache/venv"
if [[ ! -x "$venv/bin/kubernetes-validate" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check kubernetes-validate==1.37.0
fi
manifests=()
for f in "$here"/k8s/*.yaml; do
  case "$(basename "$f")" in values-*|kustomization.yaml) continue ;; esac
  manifests+=("$f")
done
"$venv/bin/kubernetes-validate" --strict --quiet -k 1.31.0 "${manifests[@]}"
"$venv/bin/python" - "$here"/k8s/values-*.yaml "$here/k8s/kustomization.yaml" <<'PY'
import sys, yaml
for f in sys.argv[1:]:
    with open(f) as fh:
        doc = yaml.safe_load(fh)
    if not isinstance(doc, dict):
        sys.exit(f"{f}: not a YAML mapping")
    print(f"[validate] {f}: YAML ok")
PY

bin="$root/bin/modelwire"
# Always built (from the build cache, a second when nothing changed): an
# older bin/modelwire would check the files against an older config.
(cd "$root" && go build -o "$bin" ./cmd/modelwire)

say "modelwire config check: deploy/compose/modelwire.yaml, with the compose file's environment"
MODELWIRE_NATS_URL=nats://nats1:4222,nats://nats2:4222,nats://nats3:4222 MODELWIRE_ES_URL=http://es1:9200,http://es2:9200 \
  "$bin" config check --config "$here/compose/modelwire.yaml" >/dev/null

say "modelwire config check: the modelwire.yaml of deploy/k8s/configmap.yaml"
k8scfg="$(mktemp)"
"$venv/bin/python" - "$here/k8s/configmap.yaml" "$k8scfg" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
open(sys.argv[2], "w").write(doc["data"]["modelwire.yaml"])
PY
MODELWIRE_NATS_URL=nats://nats.nats.svc:4222 MODELWIRE_ES_URL=https://modelwire-es-http.elastic.svc:9200 \
  "$bin" config check --config "$k8scfg" >/dev/null
rm -f "$k8scfg"

say "prometheus, grafana: deploy/prometheus, deploy/grafana"
"$venv/bin/python" - "$here" <<'PY'
import glob, json, sys, yaml
here = sys.argv[1]
for f in [here + "/prometheus/prometheus.yml"] + glob.glob(here + "/grafana/provisioning/*/*.yaml"):
    if not isinstance(yaml.safe_load(open(f)), dict):
        sys.exit(f"{f}: not a YAML mapping")
d = json.load(open(here + "/grafana/modelwire.json"))
if not d.get("panels") or d.get("uid") != "modelwire":
    sys.exit("grafana/modelwire.json: no panels or wrong uid")
PY

say "systemd: deploy/systemd/*"
command -v systemd-analyze >/dev/null || { say "systemd-analyze missing (apt-get install systemd)"; exit 1; }
units="$(mktemp -d)"
trap 'rm -rf "$units"' EXIT
cp "$here"/systemd/* "$units/"
sed -i "s#/usr/local/bin/modelwire#$bin#" "$units"/*.service
out="$(cd "$units" && systemd-analyze verify ./*.service ./*.timer ./*.target 2>&1 || true)"
if [[ -n "$out" ]]; then
  printf '%s\n' "$out" >&2
  say "systemd units have problems"
  exit 1
fi
say "all deployment files valid"
