import { createHash } from 'node:crypto';
import { lazily } from '@lib/common';

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
 * every script, style and web worker it loads come from this host, never a CDN. The bundle (9 MB
 * of source, about 20 MB of heap once loaded) is loaded when the console first asks for it, not
 * when the API starts.
 */
const consoleAssets = lazily(async (): Promise<Record<string, ConsoleAsset>> => {
  const graphiql = await import('@graphql-yoga/render-graphiql/graphiql');
  return {
    'graphiql.js': asset(graphiql.js, 'text/javascript; charset=utf-8'),
    'graphiql.css': asset(graphiql.css, 'text/css; charset=utf-8'),
    'worker-editor.js': asset(graphiql.editorWorkerService, 'text/javascript; charset=utf-8'),
    'worker-json.js': asset(graphiql.jsonWorker, 'text/javascript; charset=utf-8'),
    'worker-graphql.js': asset(graphiql.graphqlWorker, 'text/javascript; charset=utf-8'),
  };
});

/** The named GraphiQL asset, or undefined when there is none of that name. */
export async function consoleAsset(name: string): Promise<ConsoleAsset | undefined> {
  const assets = await consoleAssets();
  return Object.hasOwn(assets, name) ? assets[name] : undefined;
}
