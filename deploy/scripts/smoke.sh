#!/usr/bin/env bash
# Post-deploy smoke test of a running MarketLens API: ready, a real login, an authenticated call. deploy.yml
# runs it after every rollout and rolls back when it fails. Run with --help for the details.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: smoke.sh [--url BASE_URL]

Checks a deployed MarketLens:
  1. GET  /api/v1/auth/setup     answers 200 {"needsSetup":false} through the public entry (retried while
                                 the rollout settles). /readyz stays private: Kubernetes readiness probes
                                 and `kubectl rollout status` have already checked it on every pod.
  2. POST /api/v1/auth/login     with the smoke user's email and password: 200 + token
  3. GET  /api/v1/system         with that token: 200 + the server version
  4. GET  /                      (only with SMOKE_WEB_URL) the web app's HTML

Environment:
  SMOKE_URL             base URL of the API, e.g. https://marketlens.example.com
                        (or --url)
  SMOKE_EMAIL           the smoke user's email          (required)
  SMOKE_PASSWORD        the smoke user's password       (required; never printed)
  SMOKE_WEB_URL         base URL of the web app (optional)
  SMOKE_READY_ATTEMPTS  how often to try step 1 before giving up (default 30)
  SMOKE_READY_INTERVAL  seconds between those tries (default 2)
  SMOKE_TIMEOUT         seconds per request (default 10)

Create the smoke user once per environment, with the lowest role:
  marketlens users create --email smoke@example.com --role viewer

Exit codes: 0 healthy, 1 a check failed (the message says which), 2 usage error.
EOF
}

log() { printf 'smoke: %s\n' "$*" >&2; }
fail() {
  log "FAIL: $*"
  exit 1
}

base=${SMOKE_URL:-}
while [ $# -gt 0 ]; do
  case $1 in
    --url) base=${2:?--url needs a value}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; log "unknown argument: $1"; exit 2 ;;
  esac
done

email=${SMOKE_EMAIL:-}
password=${SMOKE_PASSWORD:-}
attempts=${SMOKE_READY_ATTEMPTS:-30}
interval=${SMOKE_READY_INTERVAL:-2}
timeout=${SMOKE_TIMEOUT:-10}
[ -n "$base" ] || { log "no URL: set SMOKE_URL or pass --url"; exit 2; }
[ -n "$email" ] || { log "SMOKE_EMAIL is not set (the smoke user's login)"; exit 2; }
[ -n "$password" ] || { log "SMOKE_PASSWORD is not set (the smoke user's password)"; exit 2; }
[[ $attempts =~ ^[1-9][0-9]*$ ]] || { log "SMOKE_READY_ATTEMPTS must be a positive whole number"; exit 2; }
command -v curl >/dev/null || { log "curl not found (Debian: apt-get install curl)"; exit 2; }
base=${base%/}

body=$(mktemp)
trap 'rm -f "$body"' EXIT

# request METHOD PATH [curl args...] -> prints the HTTP status ("000" when nothing answered); body in $body.
request() {
  local method=$1 path=$2
  shift 2
  curl --silent --show-error --max-time "$timeout" --output "$body" --write-out '%{http_code}' \
    --request "$method" "$@" "$base$path" 2>/dev/null || true
}

# JSON string escaping for the login body (the password may hold quotes or backslashes).
json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\t'/\\t}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  printf '"%s"' "$s"
}

# 1. reachable: a public API route that reads the database, through the same entry users take.
ready=/api/v1/auth/setup
status=000
for ((i = 1; i <= attempts; i++)); do
  status=$(request GET "$ready")
  [ "$status" != 200 ] || break
  [ "$i" -eq "$attempts" ] || sleep "$interval"
done
if [ "$status" = 000 ]; then
  fail "$base$ready did not answer after $attempts attempts (wrong URL, or the service is down)"
elif [ "$status" != 200 ]; then
  fail "$base$ready answered $status after $attempts attempts: $(head -c 300 "$body")"
fi
grep -q '"needsSetup":false' "$body" ||
  fail "$base$ready answered 200 but not as the MarketLens API with users: $(head -c 300 "$body")"
log "ok   GET $ready 200"

# 2. login. The body goes to curl on stdin, so the password is on no command line.
status=$(printf '{"email":%s,"password":%s}' "$(json_string "$email")" "$(json_string "$password")" |
  request POST /api/v1/auth/login -H 'content-type: application/json' --data-binary @-)
case $status in
  200) ;;
  401) fail "POST /api/v1/auth/login answered 401: the smoke user's email or password is wrong (SMOKE_EMAIL / SMOKE_PASSWORD)" ;;
  000) fail "POST /api/v1/auth/login got no answer from $base" ;;
  *) fail "POST /api/v1/auth/login answered $status: $(head -c 300 "$body")" ;;
esac
token=$(sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p' "$body")
[ -n "$token" ] || fail "POST /api/v1/auth/login answered 200 without an accessToken"
log "ok   POST /api/v1/auth/login 200 ($email)"

# 3. an authenticated call. The token goes in a header file for the same reason as the password.
status=$(request GET /api/v1/system -H @<(printf 'authorization: Bearer %s\n' "$token"))
[ "$status" = 200 ] || fail "GET /api/v1/system with the login's token answered $status: $(head -c 300 "$body")"
version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' "$body")
[ -n "$version" ] || fail "GET /api/v1/system answered 200 without a version: $(head -c 300 "$body")"
log "ok   GET /api/v1/system 200 (version $version)"

# 4. the web app, when it is served from its own origin
if [ -n "${SMOKE_WEB_URL:-}" ]; then
  web=${SMOKE_WEB_URL%/}
  status=$(curl --silent --show-error --max-time "$timeout" --output "$body" --write-out '%{http_code}' "$web/" 2>/dev/null || true)
  [ "$status" = 200 ] || fail "$web/ answered $status"
  grep -qi '<div id="root"' "$body" || fail "$web/ answered 200 but is not the MarketLens web app"
  log "ok   GET $web/ 200"
fi

log "passed: $base"
