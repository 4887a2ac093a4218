// The explorer: GraphiQL served from the gateway's own assets (@graphql-yoga/render-graphiql
// inlines the whole bundle, its editor workers and its fonts into one page), so it works on a
// network with no way out, as many hospital and pharma networks are. At GET / and, for a browser
// opening it, at GET /graphql; every other request to /graphql goes on to the GraphQL server.
// In development it offers npm start's demo tokens in one click, with the flagship operations
// (operations/*.graphql) loaded as examples, each with variables the chosen caller may see.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import express, { type Request } from 'express';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { ExplorerCaller, ExplorerConfig } from '../platform/config';
import { PROJECT_ROOT } from '../platform/project-root';

/** Where the flagship operations, and any a team adds, are kept. */
export const OPERATIONS_DIR = resolve(PROJECT_ROOT, 'operations');

/**
 * Only this origin, and what the inlined bundle itself needs: its inline script and styles, its
 * editor workers made from blobs, and the data: URLs of its fonts and icons. A page that tried to
 * reach any other host would be refused by the browser.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export interface ExplorerOperation {
  name: string;
  document: string;
  /** The variables it declares, by name. */
  variables: string[];
}

/** The operations of operations/*.graphql, by file name order; none when the folder is missing (an image without it). */
export function explorerOperations(folder = OPERATIONS_DIR): ExplorerOperation[] {
  let files: string[];
  try {
    files = readdirSync(folder).filter((file) => file.endsWith('.graphql')).sort();
  } catch {
    return [];
  }
  return files.flatMap((file) => {
    const document = readFileSync(join(folder, file), 'utf8');
    const operations = parse(document).definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    return operations.map((operation) => ({
      name: operation.name?.value ?? file.replace(/\.graphql$/, ''),
      document,
      variables: (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value),
    }));
  });
}

/** The variables an operation declares, taken from the caller's; the others keep their defaults. */
function variablesFor(operation: ExplorerOperation, caller: ExplorerCaller): Record<string, unknown> {
  return Object.fromEntries(operation.variables.filter((name) => Object.hasOwn(caller.variables, name)).map((name) => [name, caller.variables[name]]));
}

/** The caller's own operations first (those written for its kind), then the rest as they are. */
function examplesFor(operations: ExplorerOperation[], caller: ExplorerCaller): ExplorerOperation[] {
  const own = caller.operations ?? [];
  const rank = (operation: ExplorerOperation) => (own.includes(operation.name) ? own.indexOf(operation.name) : own.length);
  return [...operations].sort((a, b) => rank(a) - rank(b));
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Where the page notes whose examples GraphiQL's stored tabs are. */
const STORED_CALLER_KEY = 'partnership-explorer:token';

/**
 * The picker above GraphiQL: one link per demo caller. Choosing one opens the page as that caller.
 * GraphiQL keeps its tabs in this origin's localStorage and reopens them rather than the examples:
 * so when the page opens as another caller (or with a new token, after another npm start) than the
 * stored tabs were made for, they are dropped before GraphiQL starts, and the examples open afresh.
 */
function callerPicker(callers: ExplorerCaller[], chosen: ExplorerCaller): string {
  const links = callers
    .map((caller) => {
      const current = caller === chosen ? ' aria-current="true"' : '';
      return `<a href="?as=${encodeURIComponent(caller.party)}" data-party="${escapeHtml(caller.party)}"${current}>${escapeHtml(caller.party)} <small>${escapeHtml(caller.orgId)}</small></a>`;
    })
    .join('');
  return `
    <nav id="callers" aria-label="Demo callers">
      <strong>Run as</strong>${links}
      <span>as ${escapeHtml(chosen.party)} ${escapeHtml(chosen.orgId)}: its token is under Headers; the example operations are open in tabs, with variables this caller may see.</span>
    </nav>
    <style>
      body { display: flex; flex-direction: column; height: 100vh; margin: 0; }
      #root { flex: 1; min-height: 0; }
      #callers { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; padding: 6px 12px; font: 13px system-ui, sans-serif; border-bottom: 1px solid #ddd; }
      #callers a { padding: 3px 8px; border: 1px solid #bbb; border-radius: 4px; color: inherit; text-decoration: none; }
      #callers a[aria-current] { background: #e10098; border-color: #e10098; color: #fff; }
      #callers span { color: #666; }
    </style>
    <script>
      (function () {
        var token = ${JSON.stringify(chosen.token).replace(/</g, '\\u003c')};
        if (localStorage.getItem('${STORED_CALLER_KEY}') === token) return;
        for (var key of Object.keys(localStorage)) if (key.indexOf('graphiql') === 0) localStorage.removeItem(key);
        localStorage.setItem('${STORED_CALLER_KEY}', token);
      })();
    </script>`;
}

/** The page: GraphiQL, as the chosen demo caller when there is one, with the picker above it. */
export function explorerPage(config: ExplorerConfig, operations: ExplorerOperation[], as?: string): string {
  const callers = config.demoCallers;
  // The first demo caller until another is picked: a newcomer's first Run answers.
  const chosen = callers.find((caller) => caller.party === as) ?? callers[0];
  const headers = chosen ? JSON.stringify({ Authorization: `Bearer ${chosen.token}` }, null, 2) : undefined;
  const examples = chosen ? examplesFor(operations, chosen) : operations;
  const tabs = examples.map((operation) => ({
    query: operation.document,
    variables: chosen ? JSON.stringify(variablesFor(operation, chosen), null, 2) : undefined,
    headers,
  }));
  // `variables` is not in the typings, but Yoga's GraphiQL hands it on as the open tab's variables.
  const options: Parameters<typeof renderGraphiQL>[0] & { variables?: string } = {
    title: 'Partnership supergraph',
    endpoint: '/graphql',
    headers,
    defaultTabs: tabs,
    // GraphiQL fills the open tab's variables pane from this, not from its first default tab.
    variables: tabs[0]?.variables,
    // As a demo caller, its variables; otherwise the empty headers pane, where one pastes a token.
    defaultEditorToolsVisibility: chosen ? 'variables' : 'headers',
  };
  // The options are written into the page's script as JSON: a `</script>` in an operation's text (a
  // comment, a string) would end the script there, so every `<` in them is written as \u003c.
  const embedded = JSON.stringify(options);
  const page = renderGraphiQL(options).replace(embedded, () => embedded.replace(/</g, '\\u003c'));
  return chosen ? page.replace('<div id="root"></div>', `${callerPicker(callers, chosen)}\n<div id="root"></div>`) : page;
}

/** Whether a request is a browser opening the page, not a client asking for GraphQL over GET. */
function opensPage(req: Request): boolean {
  const asksForOperation = req.query.query !== undefined || req.query.extensions !== undefined;
  return !asksForOperation && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/** The explorer's routes: GET / always, GET /graphql when a browser opens it; anything else goes on. */
export function explorer(config: ExplorerConfig): express.Router {
  const operations = explorerOperations();
  const router = express.Router();
  const serve = (req: Request, res: express.Response) => {
    const as = typeof req.query.as === 'string' ? req.query.as : undefined;
    res
      .status(200)
      .set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(explorerPage(config, operations, as));
  };
  router.get('/', serve);
  router.get('/graphql', (req, res, next) => (opensPage(req) ? serve(req, res) : next()));
  return router;
}
