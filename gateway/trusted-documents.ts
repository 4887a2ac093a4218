// Trusted documents: with `only` (production's default), the gateway runs the operations of the
// manifest `npm run operations` builds and nothing else, sent by id (Apollo clients'
// `extensions.persistedQuery.sha256Hash`, or `documentId` as the GraphQL-over-HTTP persisted
// documents proposal and Hive clients send it) or as the manifest's text. Without `only`, a manifest
// id is answered from the manifest and anything else is Apollo Server's automatic persisted queries.
// An express step, not a plugin: Apollo answers a hash it does not know (PERSISTED_QUERY_NOT_FOUND)
// before any plugin hook may refuse it, and an error thrown in its earliest hooks is a 500.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { PROJECT_ROOT } from '../platform/project-root';
import { bodyOfText, MANIFEST_FILE, type ManifestOperation, operationId, readManifest } from './operation-manifest';

export interface TrustedDocumentsOptions {
  /** The manifest, in Apollo's persisted query manifest format (default operations/manifest.json). */
  manifest?: string;
  /**
   * Only the manifest's operations may run (default false; platform/config.ts turns it on in
   * production). Without a manifest file the gateway then refuses to start.
   */
  only?: boolean;
}

/** Texts remembered as manifest operations: a few per operation are expected; past this many, each is parsed again. */
const MAX_REMEMBERED_TEXTS = 1000;

/** The GraphQL request fields this step reads, from a POST body or a GET query string. */
interface SentOperation {
  query?: unknown;
  operationName?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/** The id a request names its operation by, if any: `documentId` (bare, or `sha256:<hex>`) or the APQ hash. */
function sentId(sent: SentOperation): string | undefined {
  if (typeof sent.documentId === 'string') return sent.documentId.replace(/^sha256:/, '');
  const hash = sent.extensions?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/** A GET request's fields, with `extensions` parsed as Apollo Server parses it (JSON, or left alone). */
function sentByGet(search: URLSearchParams): SentOperation {
  let extensions: SentOperation['extensions'];
  try {
    extensions = JSON.parse(search.get('extensions') ?? 'null') ?? undefined;
  } catch {
    extensions = undefined; // Apollo refuses malformed extensions itself, with its own message.
  }
  return { query: search.get('query') ?? undefined, operationName: search.get('operationName') ?? undefined, documentId: search.get('documentId') ?? undefined, extensions };
}

/**
 * An express step for POST and GET /graphql, before Apollo: a known id becomes the manifest's text;
 * with `only`, an unknown id or text is refused with OPERATION_NOT_IN_MANIFEST (HTTP 400) before any
 * subgraph is called. Text is compared by hash first, then parsed (the token limit has run) and
 * compared as the manifest's printed body, so a file's text with its comments matches too.
 */
export function trustedDocuments(options: TrustedDocumentsOptions = {}) {
  const file = options.manifest ?? MANIFEST_FILE;
  const only = options.only ?? false;
  const shown = file.startsWith(PROJECT_ROOT) ? relative(PROJECT_ROOT, file) : file;
  if (only && !existsSync(file)) {
    throw new Error(`Trusted documents only, and there is no manifest at ${shown}: run npm run operations, or set TRUSTED_DOCUMENTS_MANIFEST`);
  }
  /** `operationName textHash` of texts found to run a manifest operation written otherwise (a file's text, with its comments). */
  const manifestTexts = new Set<string>();
  const byId = new Map<string, ManifestOperation>(existsSync(file) ? readManifest(file).operations.map((operation) => [operation.id, operation]) : []);

  const refusal = (id: string | undefined) => ({
    errors: [
      {
        message:
          `This operation is not in the trusted-documents manifest (${shown}), and this gateway runs only the operations in it. ` +
          'Add it to operations/ as a .graphql file, run npm run operations, and deploy the new manifest with the gateway.',
        extensions: { code: 'OPERATION_NOT_IN_MANIFEST', manifest: shown, ...(id ? { id } : {}) },
      },
    ],
  });

  return function trustedDocumentsStep(req: Request, res: Response, next: NextFunction): void {
    const search = new URL(req.url, 'http://gateway').searchParams;
    const body = req.body as unknown;
    const isPost = req.method === 'POST';
    const sent: SentOperation | undefined = isPost
      ? body && typeof body === 'object' && !Array.isArray(body)
        ? (body as SentOperation)
        : undefined
      : req.method === 'GET'
        ? sentByGet(search)
        : undefined;
    // A batch, or a body that is no operation: Apollo refuses those itself.
    if (!sent) return next();
    const id = sentId(sent);
    const text = typeof sent.query === 'string' && sent.query !== '' ? sent.query : undefined;
    if (text === undefined && id !== undefined) {
      const known = byId.get(id);
      if (known) {
        // Apollo checks that a persistedQuery hash is the text's, and it is: the id is the body's SHA-256.
        if (isPost) (body as SentOperation).query = known.body;
        else {
          search.set('query', known.body);
          req.url = `${req.path}?${search}`;
        }
        return next();
      }
      if (!only) return next(); // Apollo's automatic persisted queries: PERSISTED_QUERY_NOT_FOUND, then registered.
      res.status(400).json(refusal(id));
      return;
    }
    if (!only || text === undefined) return next();
    const textId = operationId(text);
    if (byId.has(textId)) return next();
    // The text of a file in operations/ as it is written, comments and all, runs too: the same operation.
    // Which operation of the text runs is the operation name's to say, so both make the key.
    const operationName = typeof sent.operationName === 'string' ? sent.operationName : undefined;
    const key = `${operationName ?? ''} ${textId}`;
    if (manifestTexts.has(key)) return next();
    const printed = bodyOfText(text, operationName);
    if (printed !== undefined && byId.has(operationId(printed))) {
      // Remembered, so a client sending a file's text parses it here once, not on every request.
      if (manifestTexts.size < MAX_REMEMBERED_TEXTS) manifestTexts.add(key);
      return next();
    }
    res.status(400).json(refusal(id));
  };
}
