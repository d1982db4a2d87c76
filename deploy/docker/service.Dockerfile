# syntax=docker/dockerfile:1.7
# One image per Tsunagu API service, selected by the SERVICE build argument (registry, intake, outreach,
# matching, reporting). Build from the repository root:
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=registry -t tsunagu/registry:0.1.0 .
# The image runs `node main.js` (HTTP on PORT, default 3000); `docker run … migrate` runs the migrations and
# exits (the Helm pre-install/pre-upgrade Job). Kubernetes probes check health: no HEALTHCHECK here.

# Node 24 LTS. pin: the release workflow (.github/workflows/release.yml) resolves this tag to its digest and builds
# with NODE_IMAGE=<tag>@sha256:…; Renovate (renovate.json, pinDigests) proposes the digest here as a pull request.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# 1. Build the service with Nx: webpack bundle + generated package.json and lock of its production dependencies.
FROM ${NODE_IMAGE} AS build
ARG SERVICE
RUN test -n "${SERVICE}" || (echo "build with --build-arg SERVICE=<registry|intake|outreach|matching|reporting>" >&2 && exit 1)
WORKDIR /workspace
ENV NX_NO_CLOUD=true NX_DAEMON=false CI=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx build "${SERVICE}" --skip-nx-cache \
 && test -f "dist/apps/${SERVICE}/main.js" \
 && test -f "dist/apps/${SERVICE}/package.json"

# 2. Production dependencies only, installed from the lock webpack generated for this service.
FROM ${NODE_IMAGE} AS deps
ARG SERVICE
WORKDIR /app
COPY --from=build /workspace/dist/apps/${SERVICE}/package.json /workspace/dist/apps/${SERVICE}/package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# 3. Runtime: node, the bundle and its dependencies; no npm, no build tools, no shell access needed.
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ARG VERSION=0.0.0-dev
LABEL org.opencontainers.image.title="tsunagu-${SERVICE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="AGPL-3.0-only" \
      org.opencontainers.image.description="Tsunagu ${SERVICE} service"
# Package managers are not needed at run time: remove them (smaller image, less to patch).
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
           /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /opt/yarn-* /usr/local/bin/yarn /usr/local/bin/yarnpkg \
 && groupadd --system --gid 10001 tsunagu \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin tsunagu
ENV NODE_ENV=production PORT=3000
WORKDIR /app
# Files stay owned by root and read-only for the service user; the pod mounts a writable /tmp.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /workspace/dist/apps/${SERVICE}/ ./
USER 10001:10001
EXPOSE 3000
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "--enable-source-maps", "main.js"]
