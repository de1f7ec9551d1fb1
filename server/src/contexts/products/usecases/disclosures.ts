import { randomUUID } from 'node:crypto';
import { listUsableGrantsForOrg } from '../../authorization/service.js';
import { listApplications } from '../../authorization/usecases/queries.js';
import { getOrganization } from '../../identity/service.js';
import { endOfShanghaiDay } from '../../../kernel/calendar/calendar.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { disclosureLifecycle } from '../lifecycle.js';
import { presentDisclosure } from '../present.js';
import { disclosureStatus } from '../rules/disclosure.js';
import * as dstore from '../store/disclosures.js';
import type { DisclosureRow } from '../store/tables.js';
import { todayOf } from './common.js';

type Role = 'authority' | 'operator';

const subjectOf = (d: Pick<DisclosureRow, 'id' | 'subject_org_id' | 'jurisdiction_id' | 'created_by'>): Subject => ({
  type: 'Disclosure',
  id: d.id,
  jurisdictionId: d.jurisdiction_id,
  jurisdictionPath: [d.jurisdiction_id],
  ownerOrgId: d.subject_org_id,
  createdBy: d.created_by,
  publicRead: true,
});

/** The discloser's role and jurisdiction: an authority discloses as one, anyone else as an operator. */
function roleOf(actor: Actor): { role: Role; jurisdictionId: string } {
  const active = actor.actorRoles.filter((r) => r.status === 'active');
  const a = active.find((r) => r.actor === 'authority') ?? active.find((r) => r.actor === 'operator');
  if (!a) throw new AppError(403, 'FORBIDDEN', { reason: 'NOT_A_DISCLOSER' });
  return { role: a.actor === 'authority' ? 'authority' : 'operator', jurisdictionId: a.jurisdictionId };
}

/** disclosure.dueDate (MM-DD) of the year after the one disclosed, at the end of that Shanghai day. */
const dueAtOf = (k: Kernel, year: number) =>
  endOfShanghaiDay(`${year + 1}-${k.profile.get<string>('disclosure.dueDate')}`);

/**
 * PM-30 sections, generated from platform data (read before the transaction opens). Authority: its own
 * information, the authorizations it approved, its fee caps. Operator: its own information, its authorized
 * resources, its product and service list, and its actual fee standards.
 */
async function generateSections(k: Kernel, actor: Actor, orgId: string, role: Role, year: number) {
  const { org } = await getOrganization(k, systemActor('disclosure'), orgId);
  const organization = { name: org.name_zh, uscc: org.uscc ?? null, year };
  if (role === 'authority') {
    const apps = await listApplications(k, actor, { page: 1, pageSize: 500, state: 'approved' });
    const caps = await dstore.capsOfAuthority(k.db, orgId, year);
    return {
      organization,
      authorizations: apps.items.map((a) => ({ applicationNo: a.applicationNo, operator: a.applicantName })),
      feeCaps: caps.map((c) => ({
        productId: c.product_id,
        productClass: c.product_class,
        unit: c.charging_unit,
        unitDefinition: c.unit_definition,
        capFen: Number(c.cap_fen),
        trial: c.is_trial,
      })),
    };
  }
  const [grants, products, fees] = await Promise.all([
    listUsableGrantsForOrg(k.db, orgId, todayOf(k)),
    dstore.productsOfOperator(k.db, orgId),
    dstore.feeStandardsOf(k.db, orgId),
  ]);
  return {
    organization,
    authorizedResources: grants.map((g) => ({
      grantNo: g.grantNo,
      resources: g.resources.map((r) => r.nameZh),
      validTo: g.validTo,
    })),
    products: products
      .filter((p) => ['registered', 'active', 'suspended'].includes(p.state))
      .map((p) => ({ code: p.code, name: p.name_zh, form: p.form, category: p.category, state: p.state })),
    feeStandards: fees.map((f) => ({
      product: f.name_zh,
      unit: f.charging_unit,
      unitDefinition: f.unit_definition,
      priceFen: f.price_fen,
      capFen: f.cap_fen,
      filingNo: f.filing_no,
    })),
  };
}

/** Generates the caller's organization's disclosure draft for `year` (one per year; corrections add versions). */
export async function generateDisclosure(k: Kernel, actor: Actor, year: number) {
  const { role, jurisdictionId } = roleOf(actor);
  const orgId = actor.orgId ?? '';
  if ((await dstore.versionsOf(k.db, orgId, year)).length) throw new AppError(409, 'DISCLOSURE_EXISTS', { year });
  const sections = await generateSections(k, actor, orgId, role, year);
  return createVersion(k, actor, {
    orgId,
    role,
    year,
    jurisdictionId,
    sections,
    reportVersion: 1,
    correctionOf: null,
    reason: null,
  });
}

async function createVersion(
  k: Kernel,
  actor: Actor,
  v: {
    orgId: string;
    role: Role;
    year: number;
    jurisdictionId: string;
    sections: object;
    reportVersion: number;
    correctionOf: string | null;
    reason: string | null;
  },
) {
  return k.db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const values = {
      id,
      subject_org_id: v.orgId,
      role: v.role,
      year: v.year,
      report_version: v.reportVersion,
      sections: JSON.stringify(v.sections),
      jurisdiction_id: v.jurisdictionId,
      due_at: dueAtOf(k, v.year),
      correction_of: v.correctionOf,
      correction_reason: v.reason,
      created_by: actor.userId ?? null,
    };
    await transition(trx, k.workflow, {
      lifecycle: disclosureLifecycle,
      action: 'generate',
      actor,
      object: null,
      subject: subjectOf(values),
      input: { year: v.year, reportVersion: v.reportVersion },
      values,
    });
    return presentDisclosure((await dstore.getDisclosure(trx, id))!);
  });
}

/** Review (PM-30 sections complete; another member than the author) or publish a reviewed disclosure. */
export async function advanceDisclosure(k: Kernel, actor: Actor, id: string, action: 'review' | 'publish') {
  return k.db.transaction().execute(async (trx) => {
    const d = await dstore.getDisclosure(trx, id, true);
    if (!d || d.subject_org_id !== actor.orgId) throw notFound('Disclosure', id);
    await transition(trx, k.workflow, {
      lifecycle: disclosureLifecycle,
      action,
      actor,
      object: d,
      subject: subjectOf(d),
      facts: { role: d.role === 'authority' ? 'authority' : 'operator', sections: presentDisclosure(d).sections },
      values: action === 'review' ? { reviewed_by: actor.userId ?? null } : { published_at: k.clock.now() },
    });
    return presentDisclosure((await dstore.getDisclosure(trx, id))!);
  });
}

/** A correction of a published disclosure: a new version generated afresh; the earlier one stays public. */
export async function correctDisclosure(k: Kernel, actor: Actor, id: string, reason: string) {
  const d = await dstore.getDisclosure(k.db, id);
  if (!d || d.subject_org_id !== actor.orgId) throw notFound('Disclosure', id);
  if (d.state !== 'published') throw new AppError(409, 'INVALID_TRANSITION', { action: 'correct', from: d.state });
  const versions = await dstore.versionsOf(k.db, d.subject_org_id, d.year);
  const role: Role = d.role === 'authority' ? 'authority' : 'operator';
  const sections = await generateSections(k, actor, d.subject_org_id, role, d.year);
  return createVersion(k, actor, {
    orgId: d.subject_org_id,
    role,
    year: d.year,
    jurisdictionId: d.jurisdiction_id,
    sections,
    reportVersion: Math.max(...versions.map((x) => x.report_version)) + 1,
    correctionOf: d.id,
    reason,
  });
}

/** The disclosure clock: drafts past disclosure.dueDate turn overdue (the public page shows 未按期披露). */
export async function runDisclosureClocks(k: Kernel): Promise<number> {
  return k.db.transaction().execute(async (trx) => {
    const due = await dstore.draftsPastDue(trx, k.clock.now());
    for (const d of due)
      await transition(trx, k.workflow, {
        lifecycle: disclosureLifecycle,
        action: 'overdue',
        actor: systemActor('disclosure-clock'),
        object: d,
        subject: subjectOf(d),
      });
    return due.length;
  });
}

export async function listMyDisclosures(k: Kernel, actor: Actor) {
  return { items: (await dstore.listOfOrg(k.db, actor.orgId ?? '')).map(presentDisclosure) };
}

const STATUS_ZH = { published: '已披露', pending: '待披露', overdue: '未按期披露' } as const;

/** The public page (no login): every published version, oldest first, or 未按期披露 once the due date passed. */
export async function publicDisclosure(k: Kernel, orgId: string, year: number) {
  const published = (await dstore.versionsOf(k.db, orgId, year)).filter((d) => d.state === 'published');
  const dueAt = dueAtOf(k, year);
  const status = disclosureStatus(published.length, k.clock.now().toISOString(), dueAt.toISOString());
  return {
    orgId,
    year,
    status,
    statusZh: STATUS_ZH[status],
    dueAt: dueAt.toISOString(),
    versions: published.map(presentDisclosure),
  };
}
