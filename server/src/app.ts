import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { sql } from 'kysely';
import type { Clock } from './kernel/clock.js';
import type { Database } from './kernel/db/connection.js';
import { createHttpServer, type App } from './kernel/http/server.js';
import { createKernel, type Kernel } from './kernel/kernel.js';
import { registerAuthHook } from './contexts/identity/plugin.js';
import { identityRoutes } from './contexts/identity/routes.js';
import { authorizationRoutes } from './contexts/authorization/routes.js';
import { catalogRoutes } from './contexts/catalog/routes.js';
import { ledgerRoutes } from './contexts/ledger/routes.js';
import { platformRoutes } from './contexts/platform/routes.js';
import { sandboxRoutes } from './contexts/sandbox/routes.js';
import { rightsRoutes } from './contexts/rights/routes.js';
import { supervisionRoutes } from './contexts/supervision/routes.js';
import { productRoutes } from './contexts/products/routes.js';
import { labsRoutes } from './contexts/labs/routes.js';
import { opsMetricsLines } from './ops/metrics.js';

export interface AppOptions {
  profileId?: string;
  clock?: Clock;
  logLevel?: string;
  webDist?: string;
  ledgerOrigin?: string;
  dataDir?: string;
}

/** Every context's HTTP routes, registered after the kernel (style.md §1, app.ts order). */
const CONTEXT_ROUTES: ((app: App, k: Kernel) => void)[] = [
  identityRoutes,
  ledgerRoutes,
  platformRoutes,
  catalogRoutes,
  authorizationRoutes,
  sandboxRoutes,
  productRoutes,
  rightsRoutes,
  supervisionRoutes,
  labsRoutes,
];

const DEFAULT_WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Composition root: database → kernel → auth → contexts → HTTP. */
export async function buildApp(database: Database, opts: AppOptions = {}): Promise<{ app: App; kernel: Kernel }> {
  const kernel = await createKernel(database, opts);
  const app = await createHttpServer({ logLevel: opts.logLevel ?? 'info' });
  registerAuthHook(app, kernel);
  app.get('/api/health', { schema: { hide: true } }, async () => {
    await sql`SELECT 1`.execute(kernel.db);
    return { status: 'ok' };
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.type('text/plain; version=0.0.4');
    return metricsText(kernel);
  });
  for (const register of CONTEXT_ROUTES) register(app, kernel);
  await serveWeb(app, opts.webDist ?? DEFAULT_WEB_DIST);
  return { app, kernel };
}

async function metricsText(k: Kernel): Promise<string> {
  // A scrape reads no ledger_entry row it need not: a log's sealed entries are its Merkle tree size (kept with each
  // sealed batch), and only the pending ones are counted, through their partial index (seq IS NULL).
  const r = await sql<{
    log_id: string;
    pending: number;
    total: string | number; // bigint: PostgreSQL answers it as text
  }>`SELECT l.log_id, p.n AS pending, (l.tree_size + p.n)::bigint AS total
       FROM ledger_log l
       CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM ledger_entry e WHERE e.log_id = l.log_id AND e.seq IS NULL) p
      ORDER BY l.log_id`.execute(k.db);
  const lines = ['# HELP shuyun_ledger_entries Ledger entries per log', '# TYPE shuyun_ledger_entries gauge'];
  for (const row of r.rows) {
    lines.push(`shuyun_ledger_entries{log="${row.log_id}",state="pending"} ${row.pending}`);
    lines.push(`shuyun_ledger_entries{log="${row.log_id}",state="all"} ${row.total}`);
  }
  lines.push(...(await opsMetricsLines(k))); // issue 21: what an operator pages on (ops/alerts)
  return `${lines.join('\n')}\n`;
}

/** Serves the built SPA; unknown non-API paths fall back to index.html for client routing. */
async function serveWeb(app: App, dist: string) {
  if (!existsSync(join(dist, 'index.html'))) return;
  await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false });
  // A catch-all GET route, not a second not-found handler (the kernel already set one for '/', and Fastify
  // refuses two); static files are exact routes (wildcard: false), so they win over '/*'.
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    if (!req.url.startsWith('/api/') && !req.url.startsWith('/metrics'))
      return reply.type('text/html').sendFile('index.html');
    reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message_zh: '对象不存在或无权查看', message_en: 'Not found', details: {} } }); // echoes no input (0058)
  });
}
