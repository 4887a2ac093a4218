# One image for every service; docker-compose.yml picks the entry point per container.
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY tsconfig.json ./
COPY schema ./schema
COPY platform ./platform
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY seed ./seed
COPY import ./import
COPY scripts ./scripts
USER node
