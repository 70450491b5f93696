#!/usr/bin/env bash
# Deploys one kustomization (an overlay or a blue/green/canary variant), or manifests rendered elsewhere, in the
# order kustomize cannot express: the database is migrated by the release's image before any new MarketLens pod
# starts. People run it on a kustomization; deploy/scripts/k8s-release.sh (deploy.yml) runs it on the release it
# rendered. deploy/test/k8s/apply-script.test.ts checks the order against the real manifests.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: apply.sh [--only SELECTOR] KUSTOMIZATION_DIR
       apply.sh [--only SELECTOR] --manifests FILE

Renders KUSTOMIZATION_DIR once (kubectl kustomize), or takes FILE as it is (already rendered, e.g. by
deploy/scripts/k8s-release.sh), and applies it in three phases:
  1. prepare  objects labelled marketlens.io/phase=prepare: Namespace, ConfigMap, ServiceAccount (dev also its
              Secret and the in-cluster PostgreSQL/Redis/MinIO); waits for their rollouts; checks that the
              Secret marketlens-secrets exists
  2. migrate  deletes the previous marketlens-migrate Job (a Job's pod template cannot change), applies the
              new one and waits until it completes; on failure prints its log and stops
  3. rollout  everything except the Job (objects matching SELECTOR only, with --only), then waits for every
              Deployment and StatefulSet it applied (kubectl rollout status), stopping at the first that fails

Options:
  --only SELECTOR   limit phase 3, e.g. marketlens.io/color=green deploys the idle colour without switching
  --manifests FILE  apply FILE (multi-document YAML, one namespace) instead of rendering a kustomization

Environment:
  KUBECTL           kubectl binary (default: kubectl); the current context and credentials are used
  MIGRATE_TIMEOUT   seconds to wait for the migration Job (default 900, its activeDeadlineSeconds)
  ROLLOUT_TIMEOUT   per workload, as kubectl understands it (default 10m)
  POLL_INTERVAL     seconds between migration status checks (default 5)

Exit codes: 0 deployed; 1 prepare or migrate failed (no pod of the release started, the old ones still run);
            2 usage error; 3 the rollout phase failed (the release is partly applied: roll back or fix forward).
EOF
}

die() {
  echo "apply.sh: $*" >&2
  exit 1
}
usage_error() {
  [[ -z "${1:-}" ]] || echo "apply.sh: $1" >&2
  usage >&2
  exit 2
}

only=''
dir=''
file=''
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --only) [[ $# -ge 2 ]] || usage_error; only="$2"; shift 2 ;;
    --manifests) [[ $# -ge 2 && -z "$file" ]] || usage_error; file="$2"; shift 2 ;;
    -*) usage_error "unknown option $1" ;;
    *) [[ -z "$dir" ]] || usage_error; dir="$1"; shift ;;
  esac
done
[[ -n "$dir" || -n "$file" ]] || usage_error
[[ -z "$dir" || -z "$file" ]] || usage_error "give a kustomization directory or --manifests, not both"
[[ -z "$dir" || -d "$dir" ]] || usage_error "$dir is not a directory"
[[ -z "$file" || (-f "$file" && -r "$file") ]] || usage_error "$file is not a readable file"

KUBECTL="${KUBECTL:-kubectl}"
MIGRATE_TIMEOUT="${MIGRATE_TIMEOUT:-900}"
ROLLOUT_TIMEOUT="${ROLLOUT_TIMEOUT:-10m}"
POLL_INTERVAL="${POLL_INTERVAL:-5}"
command -v "$KUBECTL" >/dev/null 2>&1 || die "kubectl not found (KUBECTL=$KUBECTL)"

# Any failure once phase 3 has begun exits 3, so a caller knows new pods may be running (k8s-release.sh then
# rolls the Deployments back); before it, nothing of the release runs yet and there is nothing to roll back.
phase=''
rendered=''
finish() {
  local status=$?
  [[ -z "$rendered" ]] || rm -f "$rendered"
  if [[ "$status" -ne 0 && "$phase" == rollout ]]; then
    echo "apply.sh: the rollout phase failed; the release is partly applied" >&2
    exit 3
  fi
}
trap finish EXIT

if [[ -n "$file" ]]; then
  manifests="$file"
  origin="$file"
else
  rendered="$(mktemp "${TMPDIR:-/tmp}/marketlens-manifests.XXXXXX")"
  manifests="$rendered"
  origin="$dir"
  # One rendering for all phases, so every phase applies exactly the same manifests.
  "$KUBECTL" kustomize "$dir" >"$manifests"
fi

# kustomize prints metadata.namespace at this indentation; a deployable build has exactly one.
namespace="$(sed -n 's/^  namespace: //p' "$manifests" | sort -u)"
[[ -n "$namespace" && "$namespace" != *$'\n'* ]] || die "expected one namespace in $origin, found: ${namespace:-none}"
k() { "$KUBECTL" --namespace "$namespace" "$@"; }

wait_rollouts() {
  local object
  while IFS= read -r object; do
    case "$object" in
      deployment.apps/* | statefulset.apps/*)
        k rollout status "$object" --timeout="$ROLLOUT_TIMEOUT" || die "$object did not become ready"
        ;;
    esac
  done <<<"$1"
}

wait_job() {
  local job="$1" conditions deadline=$((SECONDS + MIGRATE_TIMEOUT))
  while true; do
    conditions="$(k get "job/$job" -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}')"
    case " $conditions " in
      *" Complete "*) echo "job/$job complete"; return 0 ;;
      *" Failed "*) k logs "job/$job" --tail=200 >&2 || true; die "job/$job failed; nothing else was applied" ;;
    esac
    if ((SECONDS >= deadline)); then
      k logs "job/$job" --tail=200 >&2 || true
      die "job/$job did not complete within ${MIGRATE_TIMEOUT}s; nothing else was applied"
    fi
    sleep "$POLL_INTERVAL"
  done
}

echo "== 1/3 prepare ($namespace)"
applied="$(k apply -f "$manifests" -l marketlens.io/phase=prepare -o name)"
echo "$applied"
wait_rollouts "$applied"
k get secret marketlens-secrets -o name >/dev/null ||
  die "Secret marketlens-secrets is missing in $namespace: create it first (deploy/k8s/README.md, Secrets)"

echo "== 2/3 migrate"
k delete job marketlens-migrate --ignore-not-found --wait=true
k apply -f "$manifests" -l marketlens.io/phase=migrate
wait_job marketlens-migrate

echo "== 3/3 rollout"
phase=rollout
selector='marketlens.io/phase!=migrate'
[[ -z "$only" ]] || selector="$selector,$only"
applied="$(k apply -f "$manifests" -l "$selector" -o name)"
echo "$applied"
wait_rollouts "$applied"
echo "deployed $origin to $namespace"
