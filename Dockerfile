# One image for every zorginkoop process (docs/operations.md, "Deployment"):
#   worker (default)   node_modules/.bin/tsx worker.ts          runs the tracks, relays e-mail, files the mailbox
#   console            node_modules/.bin/tsx scripts/console.ts  the staff console on :8235
#   finder             node_modules/.bin/tsx scripts/finder.ts   the public provider finder on :8234
#   CLI                node bin/zorginkoop.js <command>          setup, campaign start, backup ...
# Built from the committed lock; the workflow bundles (plain, and traced for ZORGINKOOP_OTEL_TRACES)
# are built into the image, so a worker starts without bundling. Not built on the machine this was
# written on (no Docker there).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY . .
# npm ci runs the postinstall patches and builds the CLI (dist/cli.js); then the workflow bundles.
RUN npm ci --no-audit --no-fund \
 && npm run build:workflows \
 && npm run build:workflows -- --traced \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    ZORGINKOOP_DATA_DIR=/var/lib/zorginkoop \
    ZORGINKOOP_CONSOLE_HOST=0.0.0.0 \
    ZORGINKOOP_FINDER_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /var/lib/zorginkoop && chown node:node /var/lib/zorginkoop
USER node
EXPOSE 8234 8235
CMD ["node_modules/.bin/tsx", "worker.ts"]
