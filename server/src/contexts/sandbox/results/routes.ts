import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { JobParam } from '../model.js';
import { ResultViewerQuery, ResultViewerView } from './model.js';
import { viewResult } from './viewer.js';

const tags = ['sandbox'];

/** SBX-10: the watermarked result viewer. Deliberately no download, export or print route for results. */
export function resultRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/workspaces/:id/jobs/:jobId/viewer',
    { schema: { tags, params: JobParam, querystring: ResultViewerQuery, response: { 200: ResultViewerView } } },
    async (req) => viewResult(k, requireAuthenticated(req), req.params.id, req.params.jobId, req.query),
  );
}
