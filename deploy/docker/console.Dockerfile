# syntax=docker/dockerfile:1.7
# The staff console: the Vite build of apps/console served as static files by an unprivileged nginx on 8080.
# Build from the repository root:
#   docker build -f deploy/docker/console.Dockerfile -t tsunagu/console:0.1.0 .
# Kubernetes probes call /healthz: no HEALTHCHECK here.

# Node 24 LTS. pin: the release workflow (.github/workflows/release.yml) resolves this tag to its digest and builds
# with NODE_IMAGE=<tag>@sha256:…; Renovate (renovate.json, pinDigests) proposes the digest here as a pull request.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim
# pin: resolved to its digest by the release workflow, like NODE_IMAGE.
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.28-alpine

# 1. Build the static files.
FROM ${NODE_IMAGE} AS build
WORKDIR /workspace
ENV NX_NO_CLOUD=true NX_DAEMON=false CI=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx build console --skip-nx-cache \
 && test -f dist/apps/console/index.html

# 2. Serve them. nginx-unprivileged keeps its pid and temp files in /tmp (an emptyDir in the pod).
FROM ${NGINX_IMAGE} AS runtime
ARG VERSION=0.0.0-dev
LABEL org.opencontainers.image.title="tsunagu-console" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="AGPL-3.0-only"
COPY deploy/docker/nginx/default.conf /etc/nginx/conf.d/default.conf
COPY deploy/docker/nginx/security-headers.inc /etc/nginx/tsunagu/security-headers.inc
COPY --from=build /workspace/dist/apps/console/ /usr/share/nginx/html/
# uid 101 is the image's own unprivileged nginx user.
USER 101:101
EXPOSE 8080
STOPSIGNAL SIGQUIT
