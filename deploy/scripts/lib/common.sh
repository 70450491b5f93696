# shellcheck shell=bash
# What backup.sh and restore.sh share: logging to stderr and hiding passwords in database URLs. Sourced (never
# run) by each script from its own folder, so a copy of the scripts elsewhere (a backup host, a CronJob image)
# must take this lib/ folder along: <dir>/backup.sh, <dir>/restore.sh, <dir>/lib/common.sh.
# The sourcing script sets log_tag (its name in log lines) first.

log() { printf '%s: %s\n' "${log_tag:?log_tag is not set}" "$*" >&2; }

die() {
  local code=$1
  shift
  log "ERROR: $*"
  exit "$code"
}

# postgres://user:secret@host/db?password=x -> postgres://user:***@host/db?password=***
# A filter (stdin to stdout): for URLs the scripts print and for the output of pg_dump, pg_restore and psql,
# whose messages can quote the connection string.
redact() { sed -E 's#(://[^:/@[:space:]]+):[^@[:space:]]*@#\1:***@#g; s#(password=)[^&[:space:]]*#\1***#gI'; }
