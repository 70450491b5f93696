#!/usr/bin/env bash
# Releases MarketLens to a Kubernetes environment: renders a kustomize overlay with the release's images (and the
# Secret from CI values), hands the phased apply to deploy/k8s/apply.sh (config, the migration Job waited for,
# then the rest and every rollout) and rolls every Deployment back when the rollout fails. deploy.yml calls it;
# it also rolls back on its own. Run with --help for the details.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: k8s-release.sh render   OVERLAY SERVER_IMAGE WEB_IMAGE BACKUP_IMAGE > release.yaml
       k8s-release.sh deploy   OVERLAY SERVER_IMAGE WEB_IMAGE BACKUP_IMAGE
       k8s-release.sh rollback NAMESPACE

render    prints the overlay (e.g. deploy/k8s/overlays/staging) with the images
          marketlens/server, marketlens/web and marketlens/backup replaced by
          SERVER_IMAGE, WEB_IMAGE and BACKUP_IMAGE (full references, e.g.
          ghcr.io/acme/marketlens-server:<sha>), without the Secret
          marketlens-secrets (a template in git; the real one lives in the
          cluster). Fails if any marketlens container would run another image.
deploy    render to a private temporary file, add the Secret
          marketlens-secrets when its values are given (see below), then run
          deploy/k8s/apply.sh --manifests on that file:
            1. Namespace, ConfigMap, ServiceAccount (and that Secret); the
               Secret must exist afterwards
            2. the migration Job marketlens-migrate (old one replaced), waited
               for; on failure its logs are printed and nothing else changes
               (and nothing is rolled back: no pod of the release ran)
            3. everything else (the backup CronJob and its volume too), then
               `kubectl rollout status` of every Deployment; if that phase fails, every Deployment is rolled
               back (as below) and the command fails
rollback  `kubectl rollout undo` of every MarketLens Deployment in NAMESPACE,
          then waits for them. Migrations are not undone: they are written to
          be compatible with the previous release.

Secret values (deploy): when SECRET_DATABASE_URL is set, the Secret
marketlens-secrets is (re)written from those of these variables that are
non-empty (the Secret's keys are the names without SECRET_):
  SECRET_DATABASE_URL SECRET_REDIS_URL SECRET_MARKETLENS_AUTH__JWT_SECRET
  SECRET_MARKETLENS_S3__ACCESS_KEY_ID SECRET_MARKETLENS_S3__SECRET_ACCESS_KEY
  SECRET_MARKETLENS_TELEGRAM__BOT_TOKEN SECRET_MARKETLENS_EMAIL__SMTP_URL
  SECRET_MARKETLENS_PROVIDERS__ALPHAVANTAGE__API_KEY SECRET_MARKETLENS_PROVIDERS__X__BEARER_TOKEN
  SECRET_MARKETLENS_PROVIDERS__ETHERSCAN__API_KEY
Values travel in private temporary files, never on a command line; only key
names are printed. Otherwise the cluster's Secret is used as it is, and must
exist.

Env: KUBECTL (default kubectl), ROLLOUT_TIMEOUT per Deployment (default 300s),
MIGRATE_TIMEOUT seconds (default 600); see also deploy/k8s/apply.sh --help.
Needs kubectl 1.27+ (its built-in kustomize); uses the current kubeconfig.
EOF
}

log() { printf 'k8s-release: %s\n' "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

KUBECTL="${KUBECTL:-kubectl}"
# CI's defaults (apply.sh reads them too): a release must fit the job's timeout-minutes in deploy.yml.
ROLLOUT_TIMEOUT="${ROLLOUT_TIMEOUT:-300s}"
MIGRATE_TIMEOUT="${MIGRATE_TIMEOUT:-600}"
export KUBECTL ROLLOUT_TIMEOUT MIGRATE_TIMEOUT
APPLY="$(dirname "${BASH_SOURCE[0]}")/../k8s/apply.sh"
SECRET_KEYS=(DATABASE_URL REDIS_URL MARKETLENS_AUTH__JWT_SECRET MARKETLENS_S3__ACCESS_KEY_ID MARKETLENS_S3__SECRET_ACCESS_KEY
  MARKETLENS_TELEGRAM__BOT_TOKEN MARKETLENS_EMAIL__SMTP_URL MARKETLENS_PROVIDERS__ALPHAVANTAGE__API_KEY
  MARKETLENS_PROVIDERS__X__BEARER_TOKEN MARKETLENS_PROVIDERS__ETHERSCAN__API_KEY)

# The image references (name:tag) of every container in a render.
images_in() { sed -nE 's/^ *(- )?image: "?([^" ]+)"?.*$/\2/p' | sort -u; }

render() {
  local overlay=$1 server=$2 web=$3 backup=$4 work plain status=0
  [ -f "$overlay/kustomization.yaml" ] || die "no kustomization.yaml in $overlay"
  [[ $server == *:* && $web == *:* && $backup == *:* ]] || die "images must be full references with a tag (name:tag)"
  plain=$("$KUBECTL" kustomize "$overlay") || die "kubectl kustomize $overlay failed"

  # The overlay may already rename marketlens/server, marketlens/web and marketlens/backup (to a registry and a
  # default tag); the release replaces whatever name they render with, as `kustomize edit set image` would.
  local names=('marketlens/server=server' 'marketlens/web=web' 'marketlens/backup=backup') image repo
  for image in $(printf '%s\n' "$plain" | images_in); do
    repo=${image%@*}
    [[ ${repo##*/} != *:* ]] || repo=${repo%:*}
    case ${repo##*/} in
      *server) names+=("$repo=server") ;;
      *web) names+=("$repo=web") ;;
      *backup) names+=("$repo=backup") ;;
    esac
  done

  # A wrapper kustomization over the overlay (kustomize wants a relative path to it; any depth works).
  work=$(mktemp -d)
  {
    printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - %s\nimages:\n' \
      "$(realpath --relative-to="$work" "$overlay")"
    local entry target
    for entry in $(printf '%s\n' "${names[@]}" | sort -u); do
      case ${entry##*=} in
        server) target=$server ;;
        web) target=$web ;;
        *) target=$backup ;;
      esac
      printf '  - name: %s\n    newName: %s\n    newTag: %s\n' "${entry%=*}" "${target%:*}" "${target##*:}"
    done
    # The Secret is a template in git; the real one lives in the cluster and must never be overwritten.
    cat <<'EOF'
patches:
  - target: { kind: Secret, name: marketlens-secrets }
    patch: |-
      $patch: delete
      apiVersion: v1
      kind: Secret
      metadata:
        name: marketlens-secrets
EOF
  } >"$work/kustomization.yaml"
  local out wrong=''
  out=$("$KUBECTL" kustomize "$work") || status=$?
  rm -rf "$work"
  [ "$status" -eq 0 ] || die "kubectl kustomize of the release wrapper over $overlay failed"
  # Whatever the overlay does, no MarketLens container may run anything but the release's images.
  for image in $(printf '%s\n' "$out" | images_in); do
    case $image in
      "$server" | "$web" | "$backup") ;;
      *marketlens*) wrong="$wrong $image" ;;
    esac
  done
  [ -z "$wrong" ] || die "containers would run other images than the release's:$wrong"
  printf '%s\n' "$out"
}

# Prints the Secret marketlens-secrets from the SECRET_* values, labelled for apply.sh's prepare phase (so it is
# applied right after its Namespace, before apply.sh checks that it exists).
secret_manifest() {
  local ns=$1 file key value status=0 keys
  file=$(umask 077 && mktemp)
  for key in "${SECRET_KEYS[@]}"; do
    value=$(printenv "SECRET_$key" || true)
    [ -z "$value" ] || printf '%s=%s\n' "$key" "$value" >>"$file"
  done
  printf -- '---\n'
  "$KUBECTL" --namespace "$ns" create secret generic marketlens-secrets --from-env-file="$file" \
    --dry-run=client -o yaml | "$KUBECTL" label --local -f - marketlens.io/phase=prepare -o yaml || status=$?
  keys=$(cut -d= -f1 "$file" | paste -sd, -)
  rm -f "$file"
  [ "$status" -eq 0 ] || die "could not write the Secret marketlens-secrets"
  log "the Secret marketlens-secrets ($keys) is applied with the config"
}

rollback() {
  local ns=$1 deployments name
  deployments=$("$KUBECTL" --namespace "$ns" get deployments -l app.kubernetes.io/name=marketlens -o name)
  [ -n "$deployments" ] || die "no MarketLens Deployments in $ns"
  for name in $deployments; do
    log "rollout undo $name"
    "$KUBECTL" --namespace "$ns" rollout undo "$name" || log "WARNING: could not undo $name (first release?)"
  done
  local stuck=''
  for name in $deployments; do
    "$KUBECTL" --namespace "$ns" rollout status "$name" --timeout="$ROLLOUT_TIMEOUT" || stuck="$stuck $name"
  done
  if [ -n "$stuck" ]; then
    log "ERROR: after the rollback these are still not ready:$stuck"
    return 1
  fi
  log "rolled back $ns"
}

deploy() {
  local ns status=0
  release=$(umask 077 && mktemp) # global: the EXIT trap runs after this function returned; may hold the Secret
  trap 'rm -f "$release"' EXIT
  render "$1" "$2" "$3" "$4" >"$release"
  ns=$(sed -n 's/^  namespace: //p' "$release" | sort -u)
  [[ -n "$ns" && "$ns" != *$'\n'* ]] || die "expected one namespace in the render of $1, found: ${ns:-none}"
  if [ -n "${SECRET_DATABASE_URL:-}" ]; then
    secret_manifest "$ns" >>"$release"
  else
    log "no SECRET_* values: the cluster's Secret marketlens-secrets is used as it is"
  fi
  log "releasing $2, $3 and $4 to $ns"

  # apply.sh exits 3 when its rollout phase failed (new pods may run), 1 when it stopped before it.
  "$APPLY" --manifests "$release" || status=$?
  case $status in
    0) log "released to $ns" ;;
    3)
      log "the rollout failed: rolling back every Deployment"
      rollback "$ns" || die "release failed, and the rollback did not finish: look at the cluster now"
      die "release failed and was rolled back"
      ;;
    *) die "release failed before any pod of it started (apply.sh exit $status); nothing to roll back" ;;
  esac
}

case ${1:-} in
  render) [ $# -eq 5 ] || { usage >&2; exit 2; }; render "$2" "$3" "$4" "$5" ;;
  deploy) [ $# -eq 5 ] || { usage >&2; exit 2; }; deploy "$2" "$3" "$4" "$5" ;;
  rollback) [ $# -eq 2 ] || { usage >&2; exit 2; }; rollback "$2" ;;
  -h | --help) usage ;;
  *) usage >&2; exit 2 ;;
esac
