# Vigil in a container: `docker build -t vigil .`, then `docker run --rm vigil --help`.
# The image's entrypoint is the vigil command line; its scenarios/ are at /app/scenarios. Mount your own
# scenarios and an output folder, e.g.:
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/work" -w /work vigil batch exercise.yaml --runs 200 --out out/batch
# Batches across many machines (Kubernetes, Slurm): deploy/README.md.

# ---- build: compile the TypeScript (needs the dev dependencies: typescript, @types/node) ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the package's `prepare` script builds, and the sources are not copied yet.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY engine ./engine
COPY cli ./cli
COPY scenarios ./scenarios
COPY viewer ./viewer
RUN npm run build

# ---- runtime: the compiled CLI, its production dependencies, the scenarios ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    VIGIL_CACHE_DIR=/cache
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY scenarios ./scenarios
# The prepared-orbit cache (cli/orbit-cache.ts): a volume so it can outlive the container; a run works
# (more slowly) without it.
RUN mkdir -p /cache && chown node:node /cache
VOLUME ["/cache"]
# The node image's unprivileged user (uid 1000).
USER node
# An absolute path, so `docker run -w <your folder>` still finds it.
ENTRYPOINT ["node", "/app/bin/vigil.js"]
CMD ["--help"]
