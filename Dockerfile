# One image for the API, the worker and the operator CLI (migrate, seed). The commands are the
# same ones the README documents: npm ci, npm run build, node dist/apps/<app>/src/main.js.
# Production runs on the current Node LTS (24); development machines run Node 20.19+ (package.json engines).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
# The raw claim files live on a volume; the unprivileged user must own its mount point.
RUN mkdir -p /var/lib/cgt/claim-files && chown node:node /var/lib/cgt/claim-files
USER node
EXPOSE 3000
CMD ["node", "--max-semi-space-size=8", "dist/apps/api/src/main.js"]
