# The baseline for bench/build.ts: the same service in ONE stage, FROM the same base, everything installed
# (build tooling, all dependencies incl. dev, sources). What a team ships without the hierarchy.
ARG NODE_IMAGE=node:24-bookworm-slim
FROM ${NODE_IMAGE} AS naive
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY example/package.json example/package-lock.json ./
RUN --mount=type=secret,id=ca \
    if [ -s /run/secrets/ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca; fi \
 && npm ci --no-audit --no-fund
COPY example/ ./
RUN npm run build
EXPOSE 3000
CMD ["node", "dist/main.js"]
