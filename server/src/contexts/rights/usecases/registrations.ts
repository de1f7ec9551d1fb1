import { endOfShanghaiDay, shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { badInput, forbidden, notFound } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { loadProfile, PROFILES } from '../../../kernel/profiles/index.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { canRead } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { registrationLifecycle } from '../lifecycle.js';
import type { ApplyInput, EvidenceFile, RegType } from '../model.js';
import { filingWorkingDays, type BaseFacts, type SubmitFacts } from '../rules/index.js';
import * as store from '../store.js';
import { dueAt, profileOf, registrationSubject, step, today, withClocks, withRegistration } from './common.js';
import { orgInfo, type OrgInfo } from './orgs.js';
import { checkLabProductOwner } from './lab-product-rights.js';

/** Types whose contract date starts a filing clock (RA-11). */
const FILED_AFTER_CONTRACT: readonly RegType[] = ['trade', 'pledge', 'license', 'transfer', 'trust'];

/** Refuses an input the registry's profile does not provide for (types, right types, shares). */
function checkAgainstProfile(input: ApplyInput) {
  if (!PROFILES[input.profile]) throw badInput('PROFILE_UNKNOWN', { profileId: input.profile });
  const p = loadProfile(input.profile);
  if (!p.get<string[]>('reg.types').includes(input.regType))
    throw badInput('REG_TYPE_NOT_ENABLED', { regType: input.regType, profile: input.profile });
  if (!p.get<string[]>('reg.rightTypes').includes(input.rightType))
    throw badInput('RIGHT_TYPE_NOT_ENABLED', { rightType: input.rightType, profile: input.profile });
  // 资产权益比例 must sum to 100 (004:L11521).
  const total = input.equityShares.reduce((s, x) => s + x.pct, 0);
  if (input.equityShares.length && Math.abs(total - 100) > 1e-9) throw badInput('SHARES_NOT_100', { total });
  return p;
}

/** Opens a registration as a draft (the applicant's own org); the filing clock starts at the contract date. */
export async function applyForRegistration(k: Kernel, actor: Actor, input: ApplyInput) {
  if (!actor.orgId) throw forbidden('FORBIDDEN', { reason: 'NO_ORG' });
  checkAgainstProfile(input);
  const registry = await orgInfo(k, input.registryOrgId);
  if (!registry.actors.includes('registry')) throw badInput('REGISTRY_UNKNOWN', { orgId: input.registryOrgId });
  await checkLabProductOwner(k.db, actor.orgId, input); // LAB-32
  return k.db.transaction().execute((trx) => openRegistration(trx, k, actor, actor.orgId!, input, registry));
}

/**
 * The same draft inside a caller's transaction (RA-08: an exchange contract registers itself while it is filed;
 * PGlite has one connection, so no nested transaction). The caller has checked `registry` is a registry and
 * read it before, and names the applicant org (`actor` is who acts, for the permission check and the event).
 */
export async function openRegistration(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  applicantOrgId: string,
  input: ApplyInput,
  registry: OrgInfo,
) {
  const p = checkAgainstProfile(input);
  const id = uuidv7();
  const filingDue =
    input.contractDate && FILED_AFTER_CONTRACT.includes(input.regType)
      ? endOfShanghaiDay(k.calendar.addWorkingDays(input.contractDate, filingWorkingDays(input.rightType, p)))
      : null;
  const year = Number(shanghaiDate(k.clock.now()).slice(0, 4));
  const n = await store.nextNumber(trx, `reg:${input.profile}`, year);
  const values = {
    id,
    registration_no: `${input.profile.toUpperCase()}-R-${year}-${String(n).padStart(6, '0')}`,
    profile: input.profile,
    reg_type: input.regType,
    right_type: input.rightType,
    subject_kind: input.subjectKind,
    base_registration_id: input.baseRegistrationId ?? null,
    registry_org_id: registry.id,
    registry_jurisdiction_id: registry.jurisdictionId,
    applicant_org_id: applicantOrgId,
    holder_org_id: input.holderOrgId,
    counterparty_org_id: input.counterpartyOrgId ?? null,
    procedure: input.procedure,
    object_info: JSON.stringify(input.objectInfo),
    license_info: input.licenseInfo ? JSON.stringify(input.licenseInfo) : null,
    pledge_info: input.pledgeInfo ? JSON.stringify(input.pledgeInfo) : null,
    equity_shares: JSON.stringify(input.equityShares),
    evidence: JSON.stringify(input.evidence),
    content_agreed: input.contentAgreed,
    exchange_trade_ref: input.exchangeTradeRef ?? null,
    contract_date: input.contractDate ?? null,
    filing_due_at: filingDue,
    created_by: actor.userId ?? null,
  };
  const partyOrgIds = [applicantOrgId, input.holderOrgId, input.counterpartyOrgId].filter((x): x is string => !!x);
  await transition(trx, k.workflow, {
    lifecycle: registrationLifecycle,
    action: 'create',
    actor,
    object: null,
    subject: { type: 'RightsRegistration', id, ownerOrgId: registry.id, partyOrgIds },
    input: { regType: input.regType, rightType: input.rightType, profile: input.profile },
    values,
    profile: p,
  });
  const row = await store.getRegistration(trx, id);
  if (!row) throw notFound('RightsRegistration', id);
  return row;
}

async function baseFacts(trx: Parameters<typeof store.getRegistration>[0], row: store.RegistrationRow) {
  if (!row.base_registration_id) return null;
  const base = await store.getRegistration(trx, row.base_registration_id);
  if (!base) return null;
  const cert = await store.currentCertificateOf(trx, base.id);
  const standing = (await store.listObjections(trx, base.id)).some((o) => ['accepted', 'referred'].includes(o.state));
  const facts: BaseFacts = {
    state: base.reg_type === 'first' ? base.state : 'not_first',
    holderOrgId: cert?.holder_org_id ?? base.holder_org_id,
    rightType: base.right_type,
    certStatus: cert?.state ?? null,
    certValidTo: cert?.valid_to ?? null,
    objectionStanding: standing,
  };
  return facts;
}

/** Files the draft with the registry (RA-01, RA-02, RA-04, RA-07, RA-10, RA-12, RA-14); the acceptance clock starts. */
export async function submitRegistration(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { selfRiskUndertaking?: EvidenceFile },
) {
  return withRegistration(k, actor, id, async (trx, row, p) => {
    const evidence = row.evidence as EvidenceFile[]; // written by us through EvidenceFile
    const facts: SubmitFacts = {
      regType: row.reg_type as RegType,
      rightType: row.right_type,
      applicantOrgId: row.applicant_org_id,
      holderOrgId: row.holder_org_id,
      counterpartyOrgId: row.counterparty_org_id,
      contentAgreed: row.content_agreed,
      objectInfo: row.object_info as SubmitFacts['objectInfo'],
      evidenceCount: evidence.length,
      exchangeTradeRef: row.exchange_trade_ref,
      base: await baseFacts(trx, row),
      selfRiskUndertaking: !!input.selfRiskUndertaking,
      today: today(k),
    };
    const now = k.clock.now();
    return step(trx, k, row, 'submit', actor, {
      facts,
      input,
      values: {
        self_risk_undertaking: input.selfRiskUndertaking ? JSON.stringify(input.selfRiskUndertaking) : null,
        clocks: withClocks(row, {
          acceptanceDueAt: dueAt(k, now, { days: p.get<number>('reg.acceptanceWD'), unit: 'WD' }).toISOString(),
        }),
      },
    });
  });
}

/** The applicant withdraws before a decision (004:L30086–30088). */
export async function withdrawRegistration(k: Kernel, actor: Actor, id: string, reason: string) {
  return withRegistration(k, actor, id, (trx, row) =>
    step(trx, k, row, 'withdraw', actor, { input: { reason }, values: { decision: JSON.stringify({ reason }) } }),
  );
}

export async function getRegistration(k: Kernel, actor: Actor, id: string) {
  const row = await store.getRegistration(k.db, id);
  if (!row || !canRead(actor, registrationSubject(row))) throw notFound('RightsRegistration', id);
  const cert = await store.certificateOfRegistration(k.db, id);
  return { row, certificateNo: cert?.cert_no ?? null };
}

export async function listRegistrations(
  k: Kernel,
  actor: Actor,
  q: { page: number; pageSize: number; state?: string; role: 'mine' | 'registry' | 'evaluator' },
) {
  if (!actor.orgId) return { items: [], total: 0 };
  return store.listRegistrations(k.db, {
    orgId: actor.orgId,
    role: q.role,
    state: q.state,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
}

export { profileOf };
