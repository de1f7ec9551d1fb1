import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import { orgNames } from '../identity/service.js';
import './messages.js';
import * as m from './model-endings.js';
import { IdParams } from './model.js';
import { presentEndings, presentEvaluation } from './present-endings.js';
import type { LabRow } from './store.js';
import type { LabEvaluationRow } from './store-endings.js';
import * as endings from './usecases/endings.js';
import * as evals from './usecases/evaluation.js';

const tags = ['labs'];
const Id = IdParams;

/**
 * Evaluation and exit (LAB-20, LAB-22…LAB-26, LAB-30): /labs/{id}/evaluations, /lab-evaluations (the evaluator's
 * workspace), /labs/{id}/rectification, /termination, /delisting, /merger and the exit record /labs/{id}/endings.
 * Revocation is the approval of a `revocation` LabChangeRequest (routes.ts).
 */
export function labsEndingsRoutes(app: App, k: Kernel) {
  evaluationRoutes(app, k);
  exitRoutes(app, k);
}

async function showEvaluations(k: Kernel, actor: Actor, rows: { e: LabEvaluationRow; lab: LabRow }[]) {
  const names = await orgNames(
    k.db,
    rows.map((r) => r.e.evaluator_org_id),
  );
  return rows.map((r) => presentEvaluation(r.e, r.lab, actor, names));
}
const showOne = async (k: Kernel, actor: Actor, e: LabEvaluationRow) => {
  const { lab } = await evals.getEvaluation(k, actor, e.id);
  return (await showEvaluations(k, actor, [{ e, lab }]))[0]!;
};

async function showEndings(k: Kernel, actor: Actor, labId: string) {
  const { lab, rectification, evaluations } = await endings.getEndings(k, actor, labId);
  const views = await showEvaluations(
    k,
    actor,
    evaluations.map((e) => ({ e, lab })),
  );
  return presentEndings(lab, actor, rectification, views, evaluations);
}

function evaluationRoutes(app: App, k: Kernel) {
  const R = { 200: m.LabEvaluationView };
  app.post(
    '/api/v1/labs/:id/evaluations',
    { schema: { tags, params: Id, body: m.CommissionEvaluationInput, response: { 201: m.LabEvaluationView } } },
    async (req, reply) => {
      const actor = requireAuthenticated(req);
      const e = await evals.commissionEvaluation(k, actor, req.params.id, req.body);
      reply.code(201);
      return showOne(k, actor, e);
    },
  );
  app.get(
    '/api/v1/labs/:id/evaluations',
    { schema: { tags, params: Id, response: { 200: m.LabEvaluationList } } },
    async (req) => {
      const actor = requireAuthenticated(req);
      return { items: (await showEndings(k, actor, req.params.id)).evaluations };
    },
  );
  // The evaluator's workspace: the evaluations assigned to its organization.
  app.get('/api/v1/lab-evaluations', { schema: { tags, response: { 200: m.LabEvaluationList } } }, async (req) => {
    const actor = requireAuthenticated(req);
    return { items: await showEvaluations(k, actor, await evals.listAssigned(k, actor)) };
  });
  app.get('/api/v1/lab-evaluations/:id', { schema: { tags, params: Id, response: R } }, async (req) => {
    const actor = requireAuthenticated(req);
    const { e, lab } = await evals.getEvaluation(k, actor, req.params.id);
    return (await showEvaluations(k, actor, [{ e, lab }]))[0]!;
  });
  app.post('/api/v1/lab-evaluations/:id/concur', { schema: { tags, params: Id, response: R } }, async (req) => {
    const actor = requireAuthenticated(req);
    return showOne(k, actor, await evals.concurEvaluation(k, actor, req.params.id));
  });
  app.post(
    '/api/v1/lab-evaluations/:id/declaration',
    { schema: { tags, params: Id, body: m.ConflictDeclarationInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      return showOne(k, actor, await evals.declareConflict(k, actor, req.params.id, req.body));
    },
  );
  app.post(
    '/api/v1/lab-evaluations/:id/submit',
    { schema: { tags, params: Id, body: m.SubmitEvaluationInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      return showOne(k, actor, await evals.submitEvaluation(k, actor, req.params.id, req.body));
    },
  );
  app.post('/api/v1/lab-evaluations/:id/return', { schema: { tags, params: Id, response: R } }, async (req) => {
    const actor = requireAuthenticated(req);
    return showOne(k, actor, await evals.returnEvaluation(k, actor, req.params.id));
  });
  app.post('/api/v1/lab-evaluations/:id/conclude', { schema: { tags, params: Id, response: R } }, async (req) => {
    const actor = requireAuthenticated(req);
    return showOne(k, actor, await evals.concludeEvaluation(k, actor, req.params.id));
  });
  app.post(
    '/api/v1/lab-evaluations/:id/serious',
    { schema: { tags, params: Id, body: m.SeriousInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      return showOne(k, actor, await evals.markSerious(k, actor, req.params.id, req.body.reason));
    },
  );
}

function exitRoutes(app: App, k: Kernel) {
  const R = { 200: m.LabEndingsView };
  app.get('/api/v1/labs/:id/endings', { schema: { tags, params: Id, response: R } }, async (req) =>
    showEndings(k, requireAuthenticated(req), req.params.id),
  );
  const show = (actor: Actor, id: string) => showEndings(k, actor, id);
  app.post(
    '/api/v1/labs/:id/rectification',
    { schema: { tags, params: Id, body: m.OrderRectificationInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      await endings.orderRectification(k, actor, req.params.id, req.body);
      return show(actor, req.params.id);
    },
  );
  app.post('/api/v1/labs/:id/rectification/close', { schema: { tags, params: Id, response: R } }, async (req) => {
    const actor = requireAuthenticated(req);
    await endings.closeRectification(k, actor, req.params.id);
    return show(actor, req.params.id);
  });
  app.post(
    '/api/v1/labs/:id/termination',
    { schema: { tags, params: Id, body: m.TerminateInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      await endings.terminateAgreement(k, actor, req.params.id, req.body.reason);
      return show(actor, req.params.id);
    },
  );
  app.post(
    '/api/v1/labs/:id/delisting',
    { schema: { tags, params: Id, body: m.DelistInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      await endings.delistLab(k, actor, req.params.id, req.body);
      return show(actor, req.params.id);
    },
  );
  app.post(
    '/api/v1/labs/:id/merger',
    { schema: { tags, params: Id, body: m.MergeInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      await endings.mergeLab(k, actor, req.params.id, req.body);
      return show(actor, req.params.id);
    },
  );
}
