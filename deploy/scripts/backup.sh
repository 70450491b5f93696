#!/usr/bin/env bash
# Backs up the MarketLens PostgreSQL database: pg_dump (custom format) into BACKUP_DIR, a sha256 file beside it,
# retention of old backups, and an optional copy to the S3-compatible store. Run with --help for the details.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: backup.sh [options]

Dumps the MarketLens PostgreSQL database (pg_dump --format=custom) to
  $BACKUP_DIR/<prefix>-YYYYMMDDTHHMMSSZ.dump  and  <same>.dump.sha256
The dump is written to a temporary name and renamed when complete, so a file
named *.dump is always a whole backup. Then old backups are deleted (retention)
and, when S3 is configured, the dump and its checksum are uploaded.

Options:
  --dir DIR            where backups go (env BACKUP_DIR, default ./backups)
  --keep N             keep the N newest backups, delete the rest
                       (env BACKUP_KEEP, default 14; 0 = no count limit)
  --max-age-days D     delete backups older than D days
                       (env BACKUP_MAX_AGE_DAYS, default 30; 0 = no age limit)
  --prefix NAME        file name prefix (env BACKUP_PREFIX, default marketlens)
  --snapshot ID        dump inside an exported snapshot (pg_dump --snapshot),
                       for a backup consistent with other work in that snapshot
  --no-upload          do not upload even when S3 is configured
  -h, --help           show this help

The newest backup (the one just made) is never deleted by retention.

Environment:
  DATABASE_URL (or MARKETLENS_DATABASE__URL)   the database to back up (required)
  S3 upload happens when MARKETLENS_S3__BUCKET, MARKETLENS_S3__ACCESS_KEY_ID and
  MARKETLENS_S3__SECRET_ACCESS_KEY are set; it also reads MARKETLENS_S3__ENDPOINT
  (empty = AWS), MARKETLENS_S3__REGION (us-east-1), MARKETLENS_S3__PREFIX and
  MARKETLENS_S3__FORCE_PATH_STYLE (true). Objects go to <prefix>/backups/<file>.
  Old objects are not deleted here: give the bucket a lifecycle rule for that.

Needs pg_dump of the server's major version (or newer), sha256sum, and curl with
--aws-sigv4 (curl 7.75+) for uploads. Credentials are never printed.

Exit codes: 0 done, 1 dump failed, 2 usage or configuration error,
            6 upload failed (the local backup is kept).
EOF
}

log_tag=backup
# lib/common.sh travels with this script (log, die, redact); see deploy/scripts/README.md.
# shellcheck source=lib/common.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib/common.sh" ||
  { echo "backup: lib/common.sh is missing: copy deploy/scripts/lib/ along with this script" >&2; exit 2; }

backup_dir=${BACKUP_DIR:-./backups}
keep=${BACKUP_KEEP:-14}
max_age_days=${BACKUP_MAX_AGE_DAYS:-30}
prefix=${BACKUP_PREFIX:-marketlens}
snapshot=''
upload=yes

while [ $# -gt 0 ]; do
  case $1 in
    --dir) backup_dir=${2:?--dir needs a value}; shift 2 ;;
    --keep) keep=${2:?--keep needs a value}; shift 2 ;;
    --max-age-days) max_age_days=${2:?--max-age-days needs a value}; shift 2 ;;
    --prefix) prefix=${2:?--prefix needs a value}; shift 2 ;;
    --snapshot) snapshot=${2:?--snapshot needs a value}; shift 2 ;;
    --no-upload) upload=no; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die 2 "unknown argument: $1" ;;
  esac
done

database_url=${DATABASE_URL:-${MARKETLENS_DATABASE__URL:-}}
[ -n "$database_url" ] || die 2 "DATABASE_URL is not set (the PostgreSQL database to back up)"
[[ $keep =~ ^[0-9]+$ ]] || die 2 "--keep must be a whole number, got '$keep'"
[[ $max_age_days =~ ^[0-9]+$ ]] || die 2 "--max-age-days must be a whole number, got '$max_age_days'"
[[ $prefix =~ ^[A-Za-z0-9._-]+$ ]] || die 2 "--prefix may hold only letters, digits, '.', '_' and '-'"
command -v pg_dump >/dev/null || die 2 "pg_dump not found (Debian: apt-get install postgresql-client)"
command -v sha256sum >/dev/null || die 2 "sha256sum not found (Debian: coreutils)"

mkdir -p "$backup_dir"
# Names carry the UTC second; a second backup within the same second waits for the next one.
for _ in 1 2 3 4 5 6 7 8 9 10; do
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  name="$prefix-$stamp.dump"
  final="$backup_dir/$name"
  [ -e "$final" ] || break
  sleep 0.2
done
[ ! -e "$final" ] || die 2 "$final already exists"
partial="$backup_dir/.$name.partial.$$"
partial_sum="$backup_dir/.$name.sha256.partial.$$"
trap 'rm -f "$partial" "$partial_sum"' EXIT

log "dumping $(printf '%s' "$database_url" | redact) to $final"
dump_args=(--format=custom --compress=6 --no-password)
[ -z "$snapshot" ] || dump_args+=("--snapshot=$snapshot")
# pg_dump's own messages can quote the connection string: they pass through redact too.
if ! pg_dump "${dump_args[@]}" --file="$partial" --dbname="$database_url" 2> >(redact >&2); then
  die 1 "pg_dump failed; no backup was written"
fi
[ -s "$partial" ] || die 1 "pg_dump wrote an empty file"

# The checksum file names the final file, so `sha256sum -c` works in the backup folder.
printf '%s  %s\n' "$(sha256sum <"$partial" | cut -d' ' -f1)" "$name" >"$partial_sum"
mv -f "$partial_sum" "$final.sha256"
mv -f "$partial" "$final" # last: a *.dump file exists only once it and its checksum are complete
log "wrote $final ($(wc -c <"$final") bytes, sha256 $(cut -d' ' -f1 "$final.sha256"))"

# --- retention --------------------------------------------------------------------------------------
# Backups are ordered by the UTC time in their names; the just-made one is newest and always kept.
now=$(date -u +%s)
rank=0
while IFS= read -r file; do
  rank=$((rank + 1))
  [ "$file" != "$name" ] || continue
  ts=${file#"$prefix"-}
  ts=${ts%.dump}
  taken=$(date -u -d "${ts:0:4}-${ts:4:2}-${ts:6:2} ${ts:9:2}:${ts:11:2}:${ts:13:2}" +%s)
  reason=''
  if [ "$keep" -gt 0 ] && [ "$rank" -gt "$keep" ]; then
    reason="more than $keep backups"
  elif [ "$max_age_days" -gt 0 ] && [ $((now - taken)) -gt $((max_age_days * 86400)) ]; then
    reason="older than $max_age_days days"
  fi
  if [ -n "$reason" ]; then
    log "retention: deleting $file ($reason)"
    rm -f "$backup_dir/$file" "$backup_dir/$file.sha256"
  fi
done < <(find "$backup_dir" -maxdepth 1 -type f -name "$prefix-*.dump" -printf '%f\n' |
  grep -E "^$prefix-[0-9]{8}T[0-9]{6}Z\\.dump\$" | sort -r)

# --- upload -----------------------------------------------------------------------------------------
bucket=${MARKETLENS_S3__BUCKET:-}
access_key=${MARKETLENS_S3__ACCESS_KEY_ID:-}
secret_key=${MARKETLENS_S3__SECRET_ACCESS_KEY:-}
if [ "$upload" = no ] || [ -z "$bucket" ] || [ -z "$access_key" ] || [ -z "$secret_key" ]; then
  [ "$upload" = no ] || [ -z "$bucket" ] || log "S3 bucket set but access key or secret missing: not uploading"
  log "done"
  exit 0
fi
command -v curl >/dev/null || die 6 "curl not found (Debian: apt-get install curl); $final is kept"

region=${MARKETLENS_S3__REGION:-us-east-1}
endpoint=${MARKETLENS_S3__ENDPOINT:-https://s3.$region.amazonaws.com}
endpoint=${endpoint%/}
key_prefix=${MARKETLENS_S3__PREFIX:-}
key_prefix=${key_prefix#/}
key_prefix=${key_prefix%/}
key="${key_prefix:+$key_prefix/}backups"

object_url() {
  if [ "${MARKETLENS_S3__FORCE_PATH_STYLE:-true}" = true ]; then
    printf '%s/%s/%s/%s' "$endpoint" "$bucket" "$key" "$1"
  else # virtual-hosted style: https://bucket.host/key
    printf '%s://%s.%s/%s/%s' "${endpoint%%://*}" "$bucket" "${endpoint#*://}" "$key" "$1"
  fi
}

put_object() { # file, content type
  local file=$1 type=$2 sum url
  sum=$(sha256sum "$file" | cut -d' ' -f1)
  url=$(object_url "$(basename "$file")")
  # Credentials go to curl on stdin (a config file), never on its command line where `ps` shows them.
  printf 'user = "%s:%s"\n' "$access_key" "$secret_key" |
    curl --config - --silent --show-error --fail --retry 3 \
      --aws-sigv4 "aws:amz:$region:s3" \
      -H "x-amz-content-sha256: $sum" -H "content-type: $type" \
      --upload-file "$file" --output /dev/null "$url"
}

log "uploading to s3://$bucket/$key/"
# The checksum goes last: a dump whose .sha256 is in the bucket arrived whole.
put_object "$final" application/octet-stream || die 6 "upload of $name to $endpoint failed; $final is kept"
put_object "$final.sha256" text/plain || die 6 "upload of $name.sha256 to $endpoint failed; $final is kept"
log "uploaded s3://$bucket/$key/$name"
log "done"
