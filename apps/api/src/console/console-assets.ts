import { createHash } from 'node:crypto';
import * as graphiql from '@graphql-yoga/render-graphiql/graphiql';

export interface ConsoleAsset {
  body: string;
  contentType: string;
  etag: string;
}

function asset(body: string, contentType: string): ConsoleAsset {
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/**
 * GraphiQL 5 (bundled in @graphql-yoga/render-graphiql) served from the API itself: the page and
 * every script, style and web worker it loads come from this host, never a CDN.
 */
export const CONSOLE_ASSETS: Record<string, ConsoleAsset> = {
  'graphiql.js': asset(graphiql.js, 'text/javascript; charset=utf-8'),
  'graphiql.css': asset(graphiql.css, 'text/css; charset=utf-8'),
  'worker-editor.js': asset(graphiql.editorWorkerService, 'text/javascript; charset=utf-8'),
  'worker-json.js': asset(graphiql.jsonWorker, 'text/javascript; charset=utf-8'),
  'worker-graphql.js': asset(graphiql.graphqlWorker, 'text/javascript; charset=utf-8'),
};
