# syntax=docker/dockerfile:1
# MarketLens backup: a one-shot image that runs deploy/scripts/backup.sh once and exits (pg_dump of DATABASE_URL
# into BACKUP_DIR, retention, optional S3 upload). A scheduler runs it: the Kubernetes CronJob marketlens-backup
# (deploy/k8s/base/cronjob-backup.yaml) or the `backup` service of deploy/compose.prod.yaml.
# Build from the repository root:
#   docker build -f deploy/docker/backup.Dockerfile -t marketlens/backup .
# Single stage on purpose: nothing is built, the base image already is the toolchain (pg_dump 16 dumps
# PostgreSQL 15 and 16 servers; a dump needs pg_dump of the server's major version or newer).
# deploy/test/docker replays this file's COPY list and runs the entrypoint against a real PostgreSQL.

FROM postgres:16-bookworm
# CI passes the real values (--build-arg VERSION=... REVISION=<sha> CREATED=<date> SOURCE=<repository URL>).
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=
LABEL org.opencontainers.image.title="marketlens-backup" \
      org.opencontainers.image.description="MarketLens database backup: pg_dump, retention and S3 upload, run once per start" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}"

# curl (bookworm's 7.88 has --aws-sigv4) and CA certificates, for the optional upload to S3; pg_dump and
# sha256sum come with the base image.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*

# backup.sh sources lib/common.sh from its own folder, so both land side by side, root-owned and read-only
# for the runtime user. restore.sh comes along: a restore from the backups volume runs this image with it.
WORKDIR /opt/marketlens
COPY deploy/scripts/backup.sh deploy/scripts/restore.sh ./
COPY deploy/scripts/lib ./lib/

# Dumps go to /backups: a volume (compose) or a PersistentVolumeClaim (Kubernetes). The folder belongs to the
# runtime user, so a fresh Docker volume inherits that owner. Numeric ids, so Kubernetes runAsNonRoot can
# verify the user (`postgres` in the base image is 999:999).
ENV BACKUP_DIR=/backups
RUN mkdir -p /backups && chown 999:999 /backups
USER 999:999

# No HEALTHCHECK and no EXPOSE: the container serves nothing; its exit code is the result.
ENTRYPOINT ["/opt/marketlens/backup.sh"]
