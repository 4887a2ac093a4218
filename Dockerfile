# One image for every service; docker-compose.yml picks the entry point per container.
# The services run as compiled JavaScript (npm run build), as the benchmark runs them: no TypeScript
# runner in production, and no dev dependencies in the image.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json codegen.ts ./
COPY schema ./schema
COPY platform ./platform
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY seed ./seed
COPY import ./import
COPY scripts ./scripts
COPY bench ./bench
RUN npx tsc -p tsconfig.build.json

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
# The SDL files are read at run time; the code finds them beside package.json, and the gateway its
# trusted-documents manifest (production runs only the operations in it).
COPY schema ./schema
COPY operations/manifest.json ./operations/manifest.json
COPY --from=build /app/dist ./dist
USER node
