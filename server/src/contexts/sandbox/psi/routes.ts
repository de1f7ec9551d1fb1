import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { defineObjectReader } from '../../../kernel/workflow/readers.js';
import * as sandbox from '../store.js';
import './lifecycle.js';
import './messages.js';
import * as m from './model.js';
import { presentPsiService, presentPsiSession } from './present.js';
import * as store from './store.js';
import * as uc from './usecases/sessions.js';

const tags = ['psi'];

async function viewOf(k: Kernel, s: store.PsiSessionRow) {
  const svc = await sandbox.getService(k.db, s.service_id);
  return presentPsiSession(s, svc?.name_zh ?? '', k.profile.get<number>('psi.chunkSize'));
}

const sessionOf = async (k: Kernel, a: Actor, id: string) => viewOf(k, await uc.sessionFor(k, a, id));

/** sandbox.md `/psi-sessions` (PSI-01…05): the buyer's side; every handler checks the buyer owns the session. */
export function psiRoutes(app: App, k: Kernel) {
  defineObjectReader('PsiSession', (kk, a, id) => uc.sessionFor(kk, a, id));
  app.get('/api/v1/psi/services', { schema: { tags, response: { 200: m.PsiServiceListView } } }, async (req) => {
    const min = k.profile.get<number>('psi.minList');
    const max = k.profile.get<number>('psi.maxList');
    const list = await uc.listServices(k, requireAuthenticated(req));
    return { items: list.map((x) => presentPsiService(x.target, x.left, min, max)) };
  });
  app.get('/api/v1/psi-sessions', { schema: { tags, response: { 200: m.PsiSessionListView } } }, async (req) => {
    const a = requireAuthenticated(req);
    const rows = a.orgId ? await store.listSessionsOfOrg(k.db, a.orgId, 100) : [];
    return { items: await Promise.all(rows.map((s) => viewOf(k, s))) };
  });
  app.post(
    '/api/v1/psi-sessions',
    { schema: { tags, body: m.OpenPsiInput, response: { 201: m.PsiSessionView } } },
    async (req, reply) =>
      reply.status(201).send(await viewOf(k, await uc.openSession(k, requireAuthenticated(req), req.body))),
  );
  app.get(
    '/api/v1/psi-sessions/:id',
    { schema: { tags, params: m.IdParam, response: { 200: m.PsiSessionView } } },
    async (req) => sessionOf(k, requireAuthenticated(req), req.params.id),
  );
  app.post(
    '/api/v1/psi-sessions/:id/blinded',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: { tags, params: m.IdParam, body: m.BlindedInput, response: { 200: m.BlindedAckView } },
    },
    async (req) => uc.uploadBlinded(k, requireAuthenticated(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/psi-sessions/:id/double-blinded',
    { schema: { tags, params: m.IdParam, querystring: m.PageQuery, response: { 200: m.PointPageView } } },
    async (req) => uc.pagePoints(k, requireAuthenticated(req), req.params.id, 'doubled', req.query),
  );
  app.get(
    '/api/v1/psi-sessions/:id/platform-set',
    { schema: { tags, params: m.IdParam, querystring: m.PageQuery, response: { 200: m.PointPageView } } },
    async (req) => uc.pagePoints(k, requireAuthenticated(req), req.params.id, 'platform', req.query),
  );
  app.post(
    '/api/v1/psi-sessions/:id/close',
    { schema: { tags, params: m.IdParam, response: { 200: m.PsiSessionView } } },
    async (req) => viewOf(k, await uc.closeSession(k, requireAuthenticated(req), req.params.id)),
  );
}
