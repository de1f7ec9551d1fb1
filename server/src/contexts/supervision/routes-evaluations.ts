import { z } from 'zod';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import * as m from './model.js';
import * as e from './model-evaluation.js';
import * as sheets from './usecases/evaluation-sheets.js';
import { getEvaluation } from './usecases/evaluations.js';
import { indicatorSets } from './usecases/indicators.js';

const tags = ['supervision'];
const Id = m.IdParams;

/** /indicator-sets and the scored-evaluation flow (EVA-02, EVA-05…07, ENF-09; decision 0079). */
export function evaluationPartBRoutes(app: App, k: Kernel) {
  app.get('/api/v1/indicator-sets', { schema: { tags, response: { 200: e.IndicatorSetList } } }, async (req) => {
    requireAuthenticated(req);
    return {
      items: Object.entries(indicatorSets(k)).flatMap(([subjectKind, sets]) =>
        sets.map((s) => ({ ...s, subjectKind })),
      ),
    };
  });
  app.post(
    '/api/v1/evaluations/scheduled',
    { schema: { tags, body: e.ScheduleEvaluationInput, response: { 201: e.EvaluationSheetView } } },
    async (req, reply) => {
      const r = await sheets.scheduleEvaluation(k, requireAuthenticated(req), req.body);
      reply.code(201);
      return sheets.presentSheet(r);
    },
  );
  app.get(
    '/api/v1/evaluations/:id/sheet',
    { schema: { tags, params: Id, response: { 200: e.EvaluationSheetView } } },
    async (req) => sheets.presentSheet(await getEvaluation(k, requireAuthenticated(req), req.params.id)),
  );
  app.post(
    '/api/v1/evaluations/:id/scores',
    { schema: { tags, params: Id, body: e.EnterScoresInput, response: { 200: e.EvaluationSheetView } } },
    async (req) => sheets.presentSheet(await sheets.enterScores(k, requireAuthenticated(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/evaluations/:id/objection',
    { schema: { tags, params: Id, body: e.ObjectEvaluationInput, response: { 200: e.EvaluationSheetView } } },
    async (req) =>
      sheets.presentSheet(await sheets.objectToEvaluation(k, requireAuthenticated(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/evaluations/:id/objection/decide',
    {
      schema: {
        tags,
        params: Id,
        body: e.DecideObjectionInput,
        response: { 200: z.object({ evaluation: e.EvaluationSheetView, successor: e.EvaluationSheetView.nullable() }) },
      },
    },
    async (req) => {
      const out = await sheets.decideEvaluationObjection(k, requireAuthenticated(req), req.params.id, req.body);
      return {
        evaluation: sheets.presentSheet(out.evaluation),
        successor: out.successor ? sheets.presentSheet(out.successor) : null,
      };
    },
  );
}
