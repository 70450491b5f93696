# syntax=docker/dockerfile:1
# MarketLens web: the built React app served by unprivileged nginx on 8080, proxying /api to the API service.
# Build from the repository root:
#   docker build -f deploy/docker/web.Dockerfile -t marketlens/web .
#   (--build-arg VITE_API_BASE_URL=https://api.example.com only when the API lives on another origin; the
#   default, empty, means same origin: this nginx proxies /api.)

FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json ./
COPY apps/web/package.json apps/web/
COPY packages/quant/package.json packages/quant/
COPY packages/contracts/package.json packages/contracts/
# Dev dependencies included: vite and its plugins are build tools. None of them reach the final image.
RUN --mount=type=cache,target=/root/.npm npm ci --workspace apps/web --no-audit --no-fund
COPY packages/contracts/src packages/contracts/src
COPY packages/quant/src packages/quant/src
COPY apps/web apps/web
ARG VITE_API_BASE_URL=
RUN VITE_API_BASE_URL="${VITE_API_BASE_URL}" npm run build -w apps/web

FROM nginxinc/nginx-unprivileged:1.28-alpine AS runtime
# CI passes the real values (--build-arg VERSION=... REVISION=<sha> CREATED=<date> SOURCE=<repository URL>).
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=
LABEL org.opencontainers.image.title="marketlens-web" \
      org.opencontainers.image.description="MarketLens web app: static files on nginx, /api proxied to the API" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}"

# The template variables of deploy/docker/nginx*.conf and their defaults. The base image's entrypoint runs
# envsubst over /etc/nginx/templates/**/*.template at start and writes the results under /tmp, so the root
# filesystem can be read-only (compose mounts a tmpfs on /tmp).
ENV API_UPSTREAM=api:8080 \
    NGINX_LISTEN=8080 \
    NGINX_TLS_LISTEN=8443 \
    NGINX_TLS_CERT=/etc/nginx/tls/tls.crt \
    NGINX_TLS_KEY=/etc/nginx/tls/tls.key \
    NGINX_WEB_ROOT=/usr/share/nginx/html \
    NGINX_TEMP_DIR=/tmp \
    NGINX_CSP_CONNECT_SRC="'self'" \
    NGINX_ENVSUBST_OUTPUT_DIR=/tmp

# Our configuration is the only one: the stock server on 8080 would shadow nothing but confuse readers.
RUN rm -f /etc/nginx/conf.d/default.conf
COPY deploy/docker/nginx.conf /etc/nginx/templates/marketlens/nginx.conf.template
COPY deploy/docker/nginx-tls.conf /etc/nginx/templates/marketlens/nginx-tls.conf.template
COPY deploy/docker/nginx-http.conf /etc/nginx/templates/marketlens/nginx-http.conf.template
COPY deploy/docker/nginx-site.conf /etc/nginx/templates/marketlens/nginx-site.conf.template
COPY deploy/docker/nginx-security-headers.conf /etc/nginx/templates/marketlens/nginx-security-headers.conf.template
COPY --from=build /src/apps/web/dist /usr/share/nginx/html

# The base image's nginx user (uid 101); said again here so the final user is visible in this file.
USER 101
EXPOSE 8080 8443
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/nginx-health"]

# "nginx" first, so the base entrypoint renders the templates; deploy/compose.prod.yaml swaps in nginx-tls.conf.
CMD ["nginx", "-c", "/tmp/marketlens/nginx.conf", "-e", "stderr", "-g", "daemon off; pid /tmp/nginx.pid;"]
