import multipart from '@fastify/multipart';
import { AppError } from '../../kernel/http/errors.js';
import { PageQuery } from '../../kernel/http/pagination.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import { EgressView } from './model.js';
import { ReleaseNoticePage } from './model-egress.js';
import { requestArtifactEgress } from './usecases/egress-artifacts.js';
import { listReleaseNotices } from './usecases/release-notices.js';

const tags = ['sandbox'];

/** Artifact egress (EGR-08) and the source units' release notices (EGR-12), under /api/v1. */
export function egressArtifactRoutes(app: App, k: Kernel) {
  app.register(async (s: App) => {
    // One file per request, up to egress.maxArtifactMiB (one byte more marks it too large: EGR-08 records the refusal).
    await s.register(multipart, {
      limits: { fileSize: k.profile.get<number>('egress.maxArtifactMiB') * 1024 * 1024 + 1, files: 1 },
    });
    // multipart/form-data: workspaceId, sourceJobId, outputKind, declaredUse, justification, [recipientOrgId,
    // resubmissionOf], then the file.
    s.post(
      '/api/v1/egress-requests/artifacts',
      { schema: { tags, response: { 201: EgressView } } },
      async (req, reply) => {
        const actor = requireAuthenticated(req);
        // A malformed form is bad input (400), never a 5xx.
        const file = await req.file().catch(() => {
          throw new AppError(400, 'VALIDATION_FAILED', { fields: 'multipart' });
        });
        return reply.status(201).send(await requestArtifactEgress(k, actor, file));
      },
    );
  });
  app.get(
    '/api/v1/release-notices',
    { schema: { tags, querystring: PageQuery, response: { 200: ReleaseNoticePage } } },
    async (req) => listReleaseNotices(k, requireAuthenticated(req), req.query),
  );
}
