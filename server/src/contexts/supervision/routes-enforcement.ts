import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import * as m from './model-enforcement.js';
import { IdParams as Id } from './model.js';
import { presentObjection, presentTermination } from './present-enforcement.js';
import { listDrillDuties } from './usecases/drills.js';
import * as obj from './usecases/objections.js';
import * as term from './usecases/termination.js';

/** Enforcement routes (issue 16 part A, decision 0078): terminations, supervisory objections, drill duties. */
const tags = ['supervision'];

export function enforcementRoutes(app: App, k: Kernel) {
  terminationRoutes(app, k);
  objectionRoutes(app, k);
  app.get(
    '/api/v1/emergency-plans/drill-duties',
    { schema: { tags, response: { 200: m.DrillDutyList } } },
    async (req) => ({
      items: await listDrillDuties(k, requireAuthenticated(req)),
    }),
  );
}

function terminationRoutes(app: App, k: Kernel) {
  const R = { 200: m.TerminationView };
  app.post(
    '/api/v1/terminations',
    { schema: { tags, body: m.ProposeTerminationInput, response: { 201: m.TerminationView } } },
    async (req, reply) => {
      const r = await term.proposeTermination(k, requireAuthenticated(req), req.body);
      reply.code(201);
      return presentTermination(r);
    },
  );
  app.get('/api/v1/terminations/:id', { schema: { tags, params: Id, response: R } }, async (req) =>
    presentTermination(await term.getTermination(k, requireAuthenticated(req), req.params.id)),
  );
  app.post(
    '/api/v1/terminations/:id/withdraw',
    { schema: { tags, params: Id, body: m.WithdrawTerminationInput, response: R } },
    async (req) =>
      presentTermination(await term.withdrawTermination(k, requireAuthenticated(req), req.params.id, req.body.reason)),
  );
  app.post(
    '/api/v1/terminations/:id/decide',
    { schema: { tags, params: Id, body: m.DecideTerminationInput, response: R } },
    async (req) =>
      presentTermination(await term.decideTermination(k, requireAuthenticated(req), req.params.id, req.body)),
  );
  // A decided case whose agreement step was refused (e.g. AUTH-28) is retried here.
  app.post('/api/v1/terminations/:id/take-effect', { schema: { tags, params: Id, response: R } }, async (req) =>
    presentTermination(await term.takeEffect(k, requireAuthenticated(req), req.params.id)),
  );
  app.post('/api/v1/terminations/:id/wind-down', { schema: { tags, params: Id, response: R } }, async (req) =>
    presentTermination(await term.windDownTermination(k, requireAuthenticated(req), req.params.id)),
  );
}

function objectionRoutes(app: App, k: Kernel) {
  const R = { 200: m.ObjectionView };
  app.post(
    '/api/v1/supervisory-objections',
    { schema: { tags, body: m.FileObjectionInput, response: { 201: m.ObjectionView } } },
    async (req, reply) => {
      const r = await obj.fileObjection(k, requireAuthenticated(req), req.body);
      reply.code(201);
      return presentObjection(r);
    },
  );
  app.get(
    '/api/v1/supervisory-objections',
    { schema: { tags, querystring: m.ObjectionQuery, response: { 200: m.ObjectionList } } },
    async (req) => ({
      items: req.query.target
        ? (await obj.listObjections(k, requireAuthenticated(req), req.query.target)).map(presentObjection)
        : [],
    }),
  );
  app.get('/api/v1/supervisory-objections/:id', { schema: { tags, params: Id, response: R } }, async (req) =>
    presentObjection(await obj.getObjection(k, requireAuthenticated(req), req.params.id)),
  );
  app.post(
    '/api/v1/supervisory-objections/:id/decide',
    { schema: { tags, params: Id, body: m.DecideObjectionInput, response: R } },
    async (req) => presentObjection(await obj.decideObjection(k, requireAuthenticated(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/supervisory-objections/:id/external-remedy',
    { schema: { tags, params: Id, body: m.ExternalRemedyInput, response: R } },
    async (req) =>
      presentObjection(await obj.recordExternalRemedy(k, requireAuthenticated(req), req.params.id, req.body)),
  );
}
