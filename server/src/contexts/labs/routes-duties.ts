import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import './messages.js';
import { IdParams, LabView } from './model.js';
import * as m from './model-duties.js';
import { presentLab } from './present.js';
import { presentTraining } from './present-duties.js';
import { labDuties } from './usecases/duties.js';
import * as filings from './usecases/duty-filings.js';
import * as egress from './usecases/egress-rectification.js';
import { EgressRectificationView, OrderEgressRectificationInput } from './model-egress.js';
import { partyNames } from './usecases/labs.js';

const tags = ['labs'];

/** Duties while active (labs.md LAB-14…LAB-18; decision 0085): the duty view and what the lab files. */
export function dutyRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/labs/:id/duties',
    { schema: { tags, params: IdParams, response: { 200: m.LabDutiesView } } },
    async (req) => labDuties(k, requireAuthenticated(req), req.params.id),
  );
  app.get(
    '/api/v1/labs/:id/trainings',
    { schema: { tags, params: IdParams, response: { 200: m.TrainingList } } },
    async (req) => ({
      items: (await filings.listLabTrainings(k, requireAuthenticated(req), req.params.id)).map(presentTraining),
    }),
  );
  app.post(
    '/api/v1/labs/:id/trainings',
    { schema: { tags, params: IdParams, body: m.RecordTrainingInput, response: { 201: m.TrainingView } } },
    async (req, reply) => {
      const t = await filings.recordLabTraining(k, requireAuthenticated(req), req.params.id, req.body);
      reply.code(201);
      return presentTraining(t);
    },
  );
  app.post(
    '/api/v1/labs/:id/security-policy',
    { schema: { tags, params: IdParams, body: m.SecurityPolicyInput, response: { 200: LabView } } },
    async (req) => {
      const actor = requireAuthenticated(req);
      const l = await filings.renewSecurityPolicy(k, actor, req.params.id, req.body);
      return presentLab(l, actor, await partyNames(k.db, [l]), k.profile.get<number>('lab.agreementFilingDays'));
    },
  );
  app.post(
    '/api/v1/labs/:id/issues',
    { schema: { tags, params: IdParams, body: m.IssueReportInput, response: { 201: m.IssueReportView } } },
    async (req, reply) => {
      const r = await filings.reportLabIssue(k, requireAuthenticated(req), req.params.id, req.body);
      reply.code(201);
      return r;
    },
  );
  egressRoutes(app, k);
}

/** LAB-19/LAB-34 (decision 0086): the initiator's egress rectification of its lab; egress frozen while it is open. */
function egressRoutes(app: App, k: Kernel) {
  const R = { 200: EgressRectificationView };
  app.get('/api/v1/labs/:id/egress-rectification', { schema: { tags, params: IdParams, response: R } }, async (req) =>
    egress.egressRectificationView(k, requireAuthenticated(req), req.params.id),
  );
  app.post(
    '/api/v1/labs/:id/egress-rectification',
    { schema: { tags, params: IdParams, body: OrderEgressRectificationInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      await egress.orderEgressRectification(k, actor, req.params.id, req.body);
      return egress.egressRectificationView(k, actor, req.params.id);
    },
  );
  app.post(
    '/api/v1/labs/:id/egress-rectification/close',
    { schema: { tags, params: IdParams, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      await egress.closeEgressRectification(k, actor, req.params.id);
      return egress.egressRectificationView(k, actor, req.params.id);
    },
  );
}
