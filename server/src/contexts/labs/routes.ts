import { pageOf } from '../../kernel/http/pagination.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import './messages.js';
import * as m from './model.js';
import {
  presentAgreement,
  presentApplication,
  presentChange,
  presentGuide,
  presentLab,
  presentPublicLab,
} from './present.js';
import { labsEndingsRoutes } from './routes-endings.js';
import { labsPartnerRoutes } from './routes-partners.js';
import type { AgreementRow, ApplicationRow, LabRow } from './store.js';
import * as agreements from './usecases/agreements.js';
import * as apps from './usecases/applications.js';
import * as cert from './usecases/certification.js';
import * as changes from './usecases/changes.js';
import * as guides from './usecases/guides.js';
import * as labs from './usecases/labs.js';
import { creditWarnings } from './usecases/ports.js';
import * as review from './usecases/review.js';
import { dutyRoutes } from './routes-duties.js';

const tags = ['labs'];
const Id = m.IdParams;

/** labs.md API: /lab-guides, /lab-applications, /labs and the public list /public/labs. */
export function labsRoutes(app: App, k: Kernel) {
  guideRoutes(app, k);
  applicationRoutes(app, k);
  reviewRoutes(app, k);
  labRoutes(app, k);
  agreementRoutes(app, k);
  changeRoutes(app, k);
  labsPartnerRoutes(app, k);
  labsEndingsRoutes(app, k);
  dutyRoutes(app, k);
}

async function showApplication(k: Kernel, actor: Actor, a: ApplicationRow) {
  // CRD-04: the single-application dossier carries the parties' credit warnings; lists do not.
  return presentApplication(a, actor, await labs.partyNames(k.db, [a]), await creditWarnings(k, a));
}

async function showLab(k: Kernel, actor: Actor, l: LabRow) {
  return presentLab(l, actor, await labs.partyNames(k.db, [l]), k.profile.get<number>('lab.agreementFilingDays'));
}

function guideRoutes(app: App, k: Kernel) {
  const R = { 200: m.GuideView };
  app.post(
    '/api/v1/lab-guides',
    { schema: { tags, body: m.PublishGuideInput, response: { 201: m.GuideView } } },
    async (req, reply) => {
      const g = await guides.publishGuide(k, requireAuthenticated(req), req.body);
      reply.code(201);
      return presentGuide(g);
    },
  );
  // A published call is public (申报指南 are announced, 000): read without login under /public, like the other
  // announcements; drafts do not exist in this slice.
  app.get('/api/v1/public/lab-guides', { schema: { tags, response: { 200: pageOf(m.GuideView) } } }, async () => {
    const rows = await guides.listGuides(k);
    return { items: rows.map(presentGuide), total: rows.length, page: 1, pageSize: rows.length };
  });
  app.get('/api/v1/public/lab-guides/:id', { schema: { tags, params: Id, response: R } }, async (req) =>
    presentGuide(await guides.getGuide(k, req.params.id)),
  );
  app.post('/api/v1/lab-guides/:id/close', { schema: { tags, params: Id, response: R } }, async (req) =>
    presentGuide(await guides.closeGuide(k, requireAuthenticated(req), req.params.id)),
  );
}

function applicationRoutes(app: App, k: Kernel) {
  const R = { 200: m.ApplicationView };
  app.post(
    '/api/v1/lab-applications',
    { schema: { tags, body: m.CreateApplicationInput, response: { 201: m.ApplicationView } } },
    async (req, reply) => {
      const actor = requireAuthenticated(req);
      const a = await apps.createApplication(k, actor, req.body);
      reply.code(201);
      return showApplication(k, actor, a);
    },
  );
  app.get(
    '/api/v1/lab-applications',
    { schema: { tags, querystring: m.ListQuery, response: { 200: pageOf(m.ApplicationView) } } },
    async (req) => {
      const actor = requireAuthenticated(req);
      const { rows, total } = await apps.listApplications(k, actor, req.query);
      const names = await labs.partyNames(k.db, rows);
      return {
        items: rows.map((a) => presentApplication(a, actor, names)),
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );
  app.get('/api/v1/lab-applications/:id', { schema: { tags, params: Id, response: R } }, async (req) => {
    const actor = requireAuthenticated(req);
    return showApplication(k, actor, await apps.getApplication(k, actor, req.params.id));
  });
  app.put(
    '/api/v1/lab-applications/:id',
    { schema: { tags, params: Id, body: m.UpdateApplicationInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      return showApplication(k, actor, await apps.updateApplication(k, actor, req.params.id, req.body));
    },
  );
  app.post('/api/v1/lab-applications/:id/submit', { schema: { tags, params: Id, response: R } }, async (req) => {
    const actor = requireAuthenticated(req);
    return showApplication(k, actor, await apps.submitApplication(k, actor, req.params.id));
  });
  app.post('/api/v1/lab-applications/:id/withdraw', { schema: { tags, params: Id, response: R } }, async (req) => {
    const actor = requireAuthenticated(req);
    return showApplication(k, actor, await apps.withdrawApplication(k, actor, req.params.id));
  });
}

function reviewRoutes(app: App, k: Kernel) {
  const R = { 200: m.ApplicationView };
  app.post('/api/v1/lab-applications/:id/accept', { schema: { tags, params: Id, response: R } }, async (req) => {
    const actor = requireAuthenticated(req);
    return showApplication(k, actor, await review.acceptApplication(k, actor, req.params.id));
  });
  app.post(
    '/api/v1/lab-applications/:id/duplicate-note',
    { schema: { tags, params: Id, body: m.DuplicateNoteInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      return showApplication(k, actor, await review.noteNotDuplicate(k, actor, req.params.id, req.body.note));
    },
  );
  app.post(
    '/api/v1/lab-applications/:id/return',
    { schema: { tags, params: Id, body: m.ReasonInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      return showApplication(k, actor, await review.returnApplication(k, actor, req.params.id, req.body.reason));
    },
  );
  app.post(
    '/api/v1/lab-applications/:id/not-select',
    { schema: { tags, params: Id, body: m.ReasonInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      return showApplication(k, actor, await review.notSelectApplication(k, actor, req.params.id, req.body.reason));
    },
  );
  app.post(
    '/api/v1/lab-applications/:id/shortlist',
    { schema: { tags, params: Id, body: m.ShortlistInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      return showApplication(k, actor, await review.shortlistApplication(k, actor, req.params.id, req.body));
    },
  );
}

function labRoutes(app: App, k: Kernel) {
  // LAB-11: the certified labs are announced publicly; no login (fixed shape, issue 18).
  app.get('/api/v1/public/labs', { schema: { tags, response: { 200: m.PublicLabList } } }, async () => {
    const rows = await labs.listPublicLabs(k);
    const names = await labs.partyNames(k.db, rows);
    return { items: rows.map((l) => presentPublicLab(l, names)), total: rows.length };
  });
  app.get(
    '/api/v1/labs',
    { schema: { tags, querystring: m.ListQuery, response: { 200: pageOf(m.LabView) } } },
    async (req) => {
      const actor = requireAuthenticated(req);
      const { rows, total } = await labs.listLabs(k, actor, req.query);
      const names = await labs.partyNames(k.db, rows);
      const days = k.profile.get<number>('lab.agreementFilingDays');
      return {
        items: rows.map((l) => presentLab(l, actor, names, days)),
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );
  app.get('/api/v1/labs/:id', { schema: { tags, params: Id, response: { 200: m.LabView } } }, async (req) => {
    const actor = requireAuthenticated(req);
    return showLab(k, actor, await labs.getLab(k, actor, req.params.id));
  });
  app.post(
    '/api/v1/labs/:id/attestation',
    { schema: { tags, params: Id, body: m.PlatformAttestation, response: { 200: m.LabView } } },
    async (req) => {
      const actor = requireAuthenticated(req);
      return showLab(k, actor, await cert.attestPlatform(k, actor, req.params.id, req.body));
    },
  );
  app.post('/api/v1/labs/:id/certify', { schema: { tags, params: Id, response: { 200: m.LabView } } }, async (req) => {
    const actor = requireAuthenticated(req);
    return showLab(k, actor, await cert.certifyLab(k, actor, req.params.id));
  });
}

function agreementRoutes(app: App, k: Kernel) {
  const R = { 200: m.AgreementView };
  const show = (actor: Actor, r: { g: AgreementRow; lab: LabRow }) =>
    presentAgreement(r.g, actor, r.lab.initiator_org_id);
  app.post(
    '/api/v1/labs/:id/agreements',
    { schema: { tags, params: Id, body: m.DraftAgreementInput, response: { 201: m.AgreementView } } },
    async (req, reply) => {
      const actor = requireAuthenticated(req);
      const g = await agreements.draftAgreement(k, actor, req.params.id, req.body);
      reply.code(201);
      return show(actor, await agreements.getAgreement(k, actor, g.id));
    },
  );
  app.get(
    '/api/v1/labs/:id/agreements',
    { schema: { tags, params: Id, response: { 200: m.AgreementList } } },
    async (req) => {
      const actor = requireAuthenticated(req);
      const { lab, rows } = await agreements.listAgreements(k, actor, req.params.id);
      return { items: rows.map((g) => presentAgreement(g, actor, lab.initiator_org_id)) };
    },
  );
  app.get('/api/v1/lab-agreements/:id', { schema: { tags, params: Id, response: R } }, async (req) => {
    const actor = requireAuthenticated(req);
    return show(actor, await agreements.getAgreement(k, actor, req.params.id));
  });
  app.put(
    '/api/v1/lab-agreements/:id',
    { schema: { tags, params: Id, body: m.DraftAgreementInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      await agreements.editAgreement(k, actor, req.params.id, req.body);
      return show(actor, await agreements.getAgreement(k, actor, req.params.id));
    },
  );
  app.post(
    '/api/v1/lab-agreements/:id/sign',
    { schema: { tags, params: Id, body: m.SignAgreementInput, response: R } },
    async (req) => {
      const actor = requireAuthenticated(req);
      await agreements.signAgreement(k, actor, req.params.id, req.body);
      return show(actor, await agreements.getAgreement(k, actor, req.params.id));
    },
  );
  app.post('/api/v1/lab-agreements/:id/file', { schema: { tags, params: Id, response: R } }, async (req) => {
    const actor = requireAuthenticated(req);
    await agreements.fileAgreement(k, actor, req.params.id);
    return show(actor, await agreements.getAgreement(k, actor, req.params.id));
  });
}

function changeRoutes(app: App, k: Kernel) {
  app.post(
    '/api/v1/labs/:id/change-requests',
    { schema: { tags, params: Id, body: m.SubmitChangeInput, response: { 201: m.ChangeRequestView } } },
    async (req, reply) => {
      const c = await changes.submitChange(k, requireAuthenticated(req), req.params.id, req.body);
      reply.code(201);
      return presentChange(c);
    },
  );
  app.get(
    '/api/v1/labs/:id/change-requests',
    { schema: { tags, params: Id, response: { 200: m.ChangeRequestList } } },
    async (req) => ({
      items: (await changes.listChanges(k, requireAuthenticated(req), req.params.id)).map(presentChange),
    }),
  );
  app.post(
    '/api/v1/lab-change-requests/:id/decide',
    { schema: { tags, params: Id, body: m.DecideChangeInput, response: { 200: m.ChangeRequestView } } },
    async (req) => presentChange(await changes.decideChange(k, requireAuthenticated(req), req.params.id, req.body)),
  );
}
