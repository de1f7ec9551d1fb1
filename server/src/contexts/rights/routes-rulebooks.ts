import { z } from 'zod';
import { offsetOf, PageQuery, pageOf } from '../../kernel/http/pagination.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import './messages.js';
import * as m from './model.js';
import { presentRulebook } from './present-rulebooks.js';
import { materialsChecklist } from './usecases/materials.js';
import * as rb from './usecases/rulebooks.js';

const tags = ['rights'];
const Page = pageOf(m.RulebookView);
const PublicQuery = PageQuery.extend(m.RulebookListQuery.shape);

/** RA-20 (decision 0083): registry rulebooks — drafted, filed or approved, published with their history. */
export function rulebookRoutes(app: App, k: Kernel) {
  const page = async (
    q: z.infer<typeof PageQuery>,
    list: (p: { limit: number; offset: number }) => ReturnType<typeof rb.listPublicRulebooks>,
  ) => {
    const { rows, total } = await list({ limit: q.pageSize, offset: offsetOf(q) });
    return { items: rows.map(presentRulebook), total, page: q.page, pageSize: q.pageSize };
  };
  app.post(
    '/api/v1/registry-rulebooks',
    { schema: { tags, body: m.RulebookInput, response: { 201: m.RulebookView } } },
    async (req, reply) => {
      const row = await rb.draftRulebook(k, requireAuthenticated(req), req.body);
      reply.code(201);
      return presentRulebook(row);
    },
  );
  app.get(
    '/api/v1/registry-rulebooks',
    { schema: { tags, querystring: PageQuery, response: { 200: Page } } },
    async (req) => page(req.query, (p) => rb.listOwnRulebooks(k, requireAuthenticated(req), p)),
  );
  app.get(
    '/api/v1/registry-rulebooks/:id',
    { schema: { tags, params: m.IdParams, response: { 200: m.RulebookView } } },
    async (req) => presentRulebook(await rb.getRulebook(k, requireAuthenticated(req), req.params.id)),
  );
  for (const route of ['file', 'submit'] as const) {
    app.post(
      `/api/v1/registry-rulebooks/:id/${route}`,
      { schema: { tags, params: m.IdParams, body: m.RulebookFileInput, response: { 200: m.RulebookView } } },
      async (req) => {
        const actor = requireAuthenticated(req);
        const via = route === 'file' ? 'file' : 'approve';
        return presentRulebook(await rb.fileRulebook(k, actor, req.params.id, req.body.authorityOrgId, via));
      },
    );
  }
  for (const outcome of ['approve', 'reject'] as const) {
    app.post(
      `/api/v1/registry-rulebooks/:id/${outcome}`,
      { schema: { tags, params: m.IdParams, body: m.RulebookDecisionInput, response: { 200: m.RulebookView } } },
      async (req) =>
        presentRulebook(await rb.decideRulebook(k, requireAuthenticated(req), req.params.id, outcome, req.body.note)),
    );
  }
  // Public: no login. Only published and superseded versions (RA-20: the rules in force and their history).
  app.get(
    '/api/v1/public/registry-rulebooks',
    { schema: { tags, querystring: PublicQuery, response: { 200: Page } } },
    async (req) => page(req.query, (p) => rb.listPublicRulebooks(k, { registryOrgId: req.query.registryOrgId, ...p })),
  );
  // RA-08: the materials step asks only for what the catalog's shared/open listing does not already publish.
  app.get(
    '/api/v1/rights-registration-materials',
    { schema: { tags, querystring: m.MaterialsQuery, response: { 200: m.MaterialsChecklistView } } },
    async (req) => materialsChecklist(k, requireAuthenticated(req), req.query.catalogResourceId),
  );
}
