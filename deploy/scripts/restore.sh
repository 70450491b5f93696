#!/usr/bin/env bash
# Restores a backup made by backup.sh into a PostgreSQL database: checksum first, then pg_restore in a single
# transaction (all or nothing). Run with --help for the details.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: restore.sh [options] --target DATABASE_URL BACKUP.dump

Restores a pg_dump custom-format backup (made by backup.sh) into the target
database, in one transaction: on any error nothing is changed.

The backup's checksum file (BACKUP.dump.sha256, written by backup.sh) must exist
and match, otherwise nothing is restored.

A target that already holds tables, views or sequences is refused, unless:
  --clean        drop the backup's objects in the target first, then restore
                 them (replaces MarketLens data; other objects stay)
  --force        restore anyway without dropping (fails and rolls back if an
                 object of the backup already exists)

Options:
  --target URL      the database to restore into (env RESTORE_DATABASE_URL);
                    never taken from DATABASE_URL, so a restore is always explicit
  --checksum FILE   the checksum file (default BACKUP.dump.sha256)
  --keep-owner      keep the owners and grants of the backup (default: objects
                    belong to the connecting user, grants are skipped, which is
                    what a restore onto another server or user needs)
  -h, --help        show this help

Needs pg_restore and psql of the backup's major version (or newer) and sha256sum.
A backup of a TimescaleDB database is restored between timescaledb_pre_restore()
and timescaledb_post_restore(), as TimescaleDB requires.

Exit codes: 0 restored, 1 pg_restore failed (rolled back), 2 usage error,
            3 checksum missing or wrong, 4 target not empty (refused),
            5 target unreachable.
EOF
}

log_tag=restore
# lib/common.sh travels with this script (log, die, redact); see deploy/scripts/README.md.
# shellcheck source=lib/common.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib/common.sh" ||
  { echo "restore: lib/common.sh is missing: copy deploy/scripts/lib/ along with this script" >&2; exit 2; }

target=${RESTORE_DATABASE_URL:-}
checksum=''
mode=empty-only
keep_owner=no
backup=''

while [ $# -gt 0 ]; do
  case $1 in
    --target) target=${2:?--target needs a value}; shift 2 ;;
    --checksum) checksum=${2:?--checksum needs a value}; shift 2 ;;
    --clean) mode=clean; shift ;;
    --force) [ "$mode" = clean ] || mode=force; shift ;;
    --keep-owner) keep_owner=yes; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; die 2 "unknown option: $1" ;;
    *) [ -z "$backup" ] || die 2 "one backup file at a time (got '$backup' and '$1')"; backup=$1; shift ;;
  esac
done

[ -n "$backup" ] || { usage >&2; die 2 "no backup file given"; }
[ -n "$target" ] || die 2 "no target database: pass --target URL (or set RESTORE_DATABASE_URL)"
[ -f "$backup" ] || die 2 "backup file not found: $backup"
for tool in pg_restore psql sha256sum; do
  command -v "$tool" >/dev/null || die 2 "$tool not found (Debian: apt-get install postgresql-client)"
done
checksum=${checksum:-$backup.sha256}
shown_target=$(printf '%s' "$target" | redact)

# --- 1. checksum: a damaged or truncated file is never handed to pg_restore ---------------------------
[ -f "$checksum" ] || die 3 "checksum file not found: $checksum (backup.sh writes it next to the dump)"
expected=$(awk 'NR == 1 { print $1 }' "$checksum")
[[ $expected =~ ^[0-9a-f]{64}$ ]] || die 3 "$checksum does not hold a sha256 checksum"
actual=$(sha256sum <"$backup" | cut -d' ' -f1)
[ "$actual" = "$expected" ] || die 3 "checksum mismatch for $backup: expected $expected, got $actual (damaged or altered backup); nothing restored"
log "checksum ok ($actual)"

# --- 2. the target: reachable, and empty unless told otherwise ----------------------------------------
psql_target() { psql --no-psqlrc --no-password --quiet --tuples-only --no-align --set ON_ERROR_STOP=1 --dbname="$target" "$@"; }
psql_target --command 'select 1' >/dev/null 2> >(redact >&2) || die 5 "cannot connect to $shown_target"

# User objects only: system schemas and objects that belong to an extension (TimescaleDB's catalog,
# PostGIS's spatial_ref_sys) do not make a database "non-empty".
objects=$(psql_target --command "
  select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
    and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'
    and n.nspname not like 'pg\\_temp%'
    and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')")
if [ "$objects" -gt 0 ] && [ "$mode" = empty-only ]; then
  die 4 "$shown_target is not empty ($objects tables/views/sequences); pass --clean to replace the backup's objects or --force to restore anyway"
fi

# --- 3. restore ------------------------------------------------------------------------------------------
toc=$(pg_restore --list "$backup" 2>&1) || die 1 "pg_restore cannot read $backup: $toc"
timescale=no
if grep -Eq 'EXTENSION [^ ]* ?timescaledb( |$)' <<<"$toc"; then timescale=yes; fi

args=(--single-transaction --exit-on-error --no-password --dbname="$target")
[ "$mode" != clean ] || args+=(--clean --if-exists)
[ "$keep_owner" = yes ] || args+=(--no-owner --no-privileges)

if [ "$timescale" = yes ]; then
  log "backup holds TimescaleDB: restoring between timescaledb_pre_restore() and timescaledb_post_restore()"
  psql_target --command 'create extension if not exists timescaledb' --command 'select timescaledb_pre_restore()' \
    >/dev/null 2> >(redact >&2) || die 1 "could not prepare TimescaleDB in $shown_target"
fi

case $mode in
  clean) how='replacing the backup'"'"'s objects (--clean)' ;;
  force) how='next to what the target holds (--force)' ;;
  *) how='into an empty database' ;;
esac
log "restoring $backup into $shown_target, $how"
status=0
pg_restore "${args[@]}" "$backup" 2> >(redact >&2) || status=$?

if [ "$timescale" = yes ]; then
  psql_target --command 'select timescaledb_post_restore()' >/dev/null 2> >(redact >&2) ||
    log "WARNING: timescaledb_post_restore() failed; run it by hand in the target"
fi
[ "$status" -eq 0 ] || die 1 "pg_restore failed (exit $status); the transaction was rolled back, the target is unchanged"
log "restored $backup into $shown_target"
