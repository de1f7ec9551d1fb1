import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { sha256 } from '../../../kernel/crypto/sm3.js';
import { AppError, badInput, forbidden } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { jurisdictionByDivisionCode } from '../../identity/service.js';
import { complaintLifecycle } from '../lifecycle.js';
import type { ComplaintView, FileComplaintInput } from '../model-reporting.js';
import * as store from '../store-complaints.js';
import { asStrings, mustRead } from './common.js';

/**
 * The complaint and report channel (投诉举报, seed 001): anyone, signed in or not, files a case that lands in the
 * queue of the authority of the named jurisdiction. The channel is validated by its schema and limited per source
 * (`complaint.maxPerSourcePerHour`, counted in the database so every server process sees the same count).
 */

export const complaintSubject = (c: store.ComplaintRow): Subject => ({
  type: 'Complaint',
  id: c.id,
  jurisdictionId: c.jurisdiction_id,
  jurisdictionPath: asStrings(c.jurisdiction_path),
});

/** The source a limit counts: the signed-in user, else the client address (hashed: no address is stored). */
const sourceOf = (actor: Actor, ip: string) =>
  sha256(actor.userId ? `user:${actor.userId}` : `ip:${ip}`).toString('hex');

export async function fileComplaint(k: Kernel, actor: Actor, ip: string, input: FileComplaintInput) {
  if (!input.anonymous && !input.contact) throw badInput('COMPLAINT_CONTACT_REQUIRED');
  const j = await jurisdictionByDivisionCode(k.db, input.divisionCode);
  if (!j) throw badInput('COMPLAINT_JURISDICTION_UNKNOWN', { divisionCode: input.divisionCode });
  const now = k.clock.now();
  const digest = sourceOf(actor, ip);
  const max = k.profile.get<number>('complaint.maxPerSourcePerHour');
  if ((await store.countFromSource(k.db, digest, new Date(now.getTime() - 3600_000))) >= max)
    throw new AppError(429, 'COMPLAINT_RATE_LIMITED', { max });
  const id = uuidv7();
  const year = Number(shanghaiDate(now).slice(0, 4));
  return k.db.transaction().execute(async (trx) => {
    const caseNo = `TS-${year}-${String(await store.nextCaseSeq(trx, year)).padStart(6, '0')}`;
    await transition(trx, k.workflow, {
      lifecycle: complaintLifecycle,
      action: 'file',
      actor,
      object: null,
      subject: { type: 'Complaint', id, jurisdictionId: j.id, jurisdictionPath: j.path },
      input: { kind: input.kind, about: input.about },
      values: {
        id,
        case_no: caseNo,
        kind: input.kind,
        about: input.about,
        about_uscc: input.aboutUscc ?? null,
        content: input.content,
        contact: input.anonymous ? null : (input.contact ?? null),
        anonymous: input.anonymous,
        filed_by_user_id: input.anonymous ? null : (actor.userId ?? null),
        source_digest: digest,
        jurisdiction_id: j.id,
        jurisdiction_path: JSON.stringify(j.path),
        created_at: now,
      },
    });
    return (await store.getComplaint(trx, id))!;
  });
}

/** The authority accepts the case, or closes it with a written outcome. */
export async function handleComplaint(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { action: 'accept' | 'close'; outcome?: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const row = mustRead(await store.getComplaint(trx, id, true), actor, complaintSubject, 'Complaint', id);
    await transition(trx, k.workflow, {
      lifecycle: complaintLifecycle,
      action: input.action,
      actor,
      object: row,
      subject: complaintSubject(row),
      facts: { outcome: input.outcome ?? null },
      values: input.action === 'close' ? { outcome: input.outcome ?? null } : {},
    });
    return (await store.getComplaint(trx, id))!;
  });
}

/** The authority's (and the regulator's, read-only) queue within its jurisdiction. */
export async function listComplaints(k: Kernel, actor: Actor, state?: string) {
  if (!activeActorRoles(actor).some((r) => r.actor === 'authority' || r.actor === 'regulator'))
    throw forbidden('FORBIDDEN', { reason: 'NOT_SUPERVISOR' });
  return store.listComplaints(k.db, actor.readableJurisdictionIds, state);
}

export const presentComplaint = (c: store.ComplaintRow): ComplaintView => ({
  id: c.id,
  caseNo: c.case_no,
  state: c.state,
  version: c.version,
  kind: c.kind,
  about: c.about,
  aboutUscc: c.about_uscc,
  content: c.content,
  contact: c.contact,
  anonymous: c.anonymous,
  outcome: c.outcome,
  filedAt: c.created_at.toISOString(),
});
