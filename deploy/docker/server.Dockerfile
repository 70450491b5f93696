# syntax=docker/dockerfile:1
# MarketLens server: ONE image for every role (`serve --role api|worker|scheduler`) and the one-shot `migrate`.
# Build from the repository root:
#   docker build -f deploy/docker/server.Dockerfile -t marketlens/server .
# There is no compile step: the server runs its TypeScript through tsx (a production dependency), so the image
# holds exactly the sources it runs plus production node_modules. The web app is its own image (web.Dockerfile).
# deploy/test/docker/server-image-layout.test.ts replays this file's COPY list and `npm ci` and starts the server.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# Manifests only, so this layer is rebuilt only when a package.json or the lock changes.
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY packages/quant/package.json packages/quant/
COPY packages/contracts/package.json packages/contracts/
# The server workspace and the workspaces it links (quant, contracts); no dev tools (vitest, drizzle-kit, ...).
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --workspace apps/server --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
# CI passes the real values (--build-arg VERSION=... REVISION=<sha> CREATED=<date> SOURCE=<repository URL>).
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=
LABEL org.opencontainers.image.title="marketlens-server" \
      org.opencontainers.image.description="MarketLens server: API, job worker and scheduler roles in one image" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}"

# The server binds 127.0.0.1 by default; a container must listen on every interface. Embedded-mode data and
# local artifacts go to /data (owned by the runtime user), never into the read-only application folder.
ENV NODE_ENV=production \
    PORT=8080 \
    MARKETLENS_SERVER__HOST=0.0.0.0 \
    MARKETLENS_DATABASE__DATA_DIR=/data/db \
    MARKETLENS_STORAGE__ARTIFACT_DIR=/data/artifacts

WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
# The layout mirrors the repository: load-config.ts finds config/ four levels above itself and migrate.ts finds
# apps/server/drizzle next to src/, both from import.meta.url.
COPY config/default.json config/
COPY packages/contracts/package.json packages/contracts/
COPY packages/contracts/src packages/contracts/src
COPY packages/quant/package.json packages/quant/
COPY packages/quant/src packages/quant/src
COPY apps/server/package.json apps/server/
COPY apps/server/drizzle apps/server/drizzle
COPY apps/server/bin apps/server/bin
COPY apps/server/src apps/server/src

# Files stay root-owned (the process cannot change its own code); only /data is writable by the runtime user.
# Numeric ids, so Kubernetes runAsNonRoot can verify the user (`node` in the base image is 1000:1000).
RUN mkdir -p /data/db /data/artifacts && chown -R 1000:1000 /data
USER 1000:1000

EXPOSE 8080
# Every role serves /healthz on PORT. The slim image has no curl: Node's own fetch does the probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]

ENTRYPOINT ["node", "/app/apps/server/bin/marketlens.mjs"]
CMD ["serve", "--role", "api"]
