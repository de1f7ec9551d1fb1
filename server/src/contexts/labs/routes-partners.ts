import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import { PartnerCandidateList, PartnerQuery } from './model-partners.js';
import { partnerCandidates } from './usecases/partners.js';

/** The application wizard's partner picker (and the partner-change request's). */
export function labsPartnerRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/lab-partner-candidates',
    { schema: { tags: ['labs'], querystring: PartnerQuery, response: { 200: PartnerCandidateList } } },
    async (req) => ({ items: await partnerCandidates(k, requireAuthenticated(req), req.query.q) }),
  );
}
