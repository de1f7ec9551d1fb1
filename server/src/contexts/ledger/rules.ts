import type { Profile } from '../../kernel/profiles/index.js';
import { fail, pass, rule } from '../../kernel/workflow/rules.js';

/** One entry in a deletion batch, with what the service loaded about it. */
export interface ScopedEntry {
  seq: number | null;
  eventId: string;
  objectType: string;
  objectId: string;
  retentionClass: string;
  eligibleFrom: string | null;
}
export interface LegalHoldFact {
  id: string;
  objectType: string;
  objectId: string;
  reason: string;
}
/** basis: for a mandated deletion, the ledger entry of the recorded decision that is this approval (decision 0061). */
export interface Approval {
  orgId: string;
  userId: string;
  role: 'owner' | 'authority' | 'holder';
  at: string;
  basis?: DecisionRef;
}

/** A state change recorded in the ledger: what was decided, on which object, by whom, when. */
export interface DecisionRef {
  eventId: string;
  eventType: string;
  objectType: string;
  objectId: string;
  toState: string | null;
  at: string;
  actor: { userId: string | null; orgId: string | null };
}

const byPerson = (d: DecisionRef) => !!d.actor.userId && !d.actor.userId.startsWith('system:') && !!d.actor.orgId;

/**
 * LED-16 / LED-17 for a mandated deletion (SBX-14; decision 0061). It cannot wait for an approval
 * batch (the deadline runs from `closing`), so its approvals are the recorded decisions that made
 * it mandatory, each naming its ledger entry: the owner's is the last decision a person of the
 * owner org made on the basis objects (its application), the authority's the last one a person of
 * another org made (the revocation, or the approval that fixed the term an expiry ends). A system
 * step (a clock, a seed) is nobody's approval: none is invented. The mandate is the latest
 * decision on the first basis object (the Grant's end). `decisions` are in time order.
 */
export function mandateFrom(
  decisions: DecisionRef[],
  first: { objectType: string; objectId: string } | undefined,
  ownerOrgId: string,
): { mandate: DecisionRef | null; approvals: Approval[] } {
  const mandate = first
    ? (decisions.filter((d) => d.objectType === first.objectType && d.objectId === first.objectId).at(-1) ?? null)
    : null;
  const people = decisions.filter(byPerson);
  const approvals: Approval[] = [];
  const own = people.filter((d) => d.actor.orgId === ownerOrgId).at(-1);
  const authority = people.filter((d) => d.actor.orgId !== ownerOrgId).at(-1);
  if (own)
    approvals.push({ orgId: own.actor.orgId!, userId: own.actor.userId!, role: 'owner', at: own.at, basis: own });
  if (authority)
    approvals.push({
      orgId: authority.actor.orgId!,
      userId: authority.actor.userId!,
      role: 'authority',
      at: authority.at,
      basis: authority,
    });
  return { mandate, approvals };
}

export interface DestructionFacts {
  entries: ScopedEntry[];
  holds: LegalHoldFact[];
  approvals: Approval[];
  /** rights-assets.md isPublicDataAsset: the holder's internal approval is a third one (LED-16). */
  publicDataAsset: boolean;
  outsourced: boolean;
  contractorContractRef: string | null;
  /** Shanghai date of the decision (the clock is a fact). */
  today: string;
  executorId?: string | null;
  verifierId?: string | null;
}

/** Classes that are never destroyed (LED-14): permanent records and ledger headers. */
export function isPermanentClass(cls: string, profile: Profile): boolean {
  if (cls === 'permanent' || cls === 'ledger_header') return true;
  return cls === 'authorization_document' && profile.get<boolean>('retention.authorizationPermanent');
}

/** LED-14: `permanent` (and `ledger_header`) records are never erased. */
export const LED_14_NOT_PERMANENT = rule('LED-14', (f: DestructionFacts, profile: Profile) => {
  const perm = f.entries.filter((e) => isPermanentClass(e.retentionClass, profile) || e.eligibleFrom === null);
  return perm.length ? fail('RETENTION_PERMANENT', { seqs: perm.map((e) => e.seq) }, 409) : pass();
});

/** LED-15: nothing is proposed before its retention ended (clock from the terminal state). */
export const LED_15_RETENTION_ENDED = rule('LED-15', (f: DestructionFacts) => {
  const early = f.entries.filter((e) => e.eligibleFrom !== null && e.eligibleFrom > f.today);
  return early.length
    ? fail(
        'RETENTION_NOT_ENDED',
        {
          until: early
            .map((e) => e.eligibleFrom)
            .sort()
            .at(-1),
        },
        409,
      )
    : pass();
});

/** LED-16: the data owner org and the authority approve; a public data asset's holder too. */
export const LED_16_APPROVALS = rule('LED-16', (f: DestructionFacts) => {
  const need: Approval['role'][] = ['owner', 'authority', ...(f.publicDataAsset ? ['holder' as const] : [])];
  const missing = need.filter((r) => !f.approvals.some((a) => a.role === r));
  return missing.length ? fail('DESTRUCTION_APPROVAL_MISSING', { missing: missing.join(', ') }, 409) : pass();
});

/** LED-18: an open legal hold in scope blocks every deletion. */
export const LED_18_NO_LEGAL_HOLD = rule('LED-18', (f: DestructionFacts) =>
  f.holds.length ? fail('LEGAL_HOLD_ACTIVE', { holds: f.holds.map((h) => h.id) }, 409) : pass(),
);

/** LED-20: outsourced destruction needs a recorded security-and-confidentiality contract. */
export const LED_20_CONTRACT = rule('LED-20', (f: DestructionFacts) =>
  f.outsourced && !f.contractorContractRef ? fail('DESTRUCTION_CONTRACT_MISSING', {}, 409) : pass(),
);

/** LED-17 / DestructionRecord: verification is by a second person, never the executor. */
export const LED_VERIFIER_SECOND_PERSON = rule('LED-17', (f: DestructionFacts) =>
  f.verifierId && f.executorId && f.verifierId === f.executorId
    ? fail('DESTRUCTION_VERIFIER_SAME_AS_EXECUTOR', {}, 409)
    : pass(),
);

/** Years (or months) a class keeps its payload; null = forever (LED-14). */
export function retentionPeriod(cls: string, profile: Profile): { years?: number; months?: number } | null {
  if (isPermanentClass(cls, profile)) return null;
  const y = (key: string, dflt: number) => ({ years: profile.has(key) ? profile.get<number>(key) : dflt });
  switch (cls) {
    case 'access_log':
      return profile.has('audit.retentionYears')
        ? y('audit.retentionYears', 3)
        : { months: profile.get<number>('retention.accessLogMonths') };
    case 'access_log_file':
      return { months: profile.get<number>('retention.accessLogMonths') };
    case 'access_log_health':
      return y('retention.accessLogHealthYears', 3);
    case 'sandbox_log':
      return y('retention.sandboxLogYears', 30);
    case 'registration':
      return y('reg.retentionYears', 30);
    case 'valuation':
    case 'valuation_statutory': {
      const y = profile.get<{ statutory: number; other: number }>('retention.valuationYears');
      return { years: cls === 'valuation' ? y.other : y.statutory }; // RA-32
    }
    case 'trading':
      return y('market.recordRetentionYears', profile.get<number>('retention.tradingYearsDefault'));
    case 'supervision':
      return y('retention.supervisionYears', 30);
    case 'temporary':
      return { years: 0 };
    default:
      return y('retention.businessYears', 30);
  }
}

/**
 * LED-15: the first Shanghai date a payload may be proposed for erasure: the anchor date
 * (terminal state, else last event) plus the period, plus one day. Calendar arithmetic.
 */
export function eligibleFrom(cls: string, anchorDate: string, profile: Profile): string | null {
  const p = retentionPeriod(cls, profile);
  if (!p) return null;
  const [y, m, d] = anchorDate.split('-').map(Number) as [number, number, number];
  const months = (p.years ?? 0) * 12 + (p.months ?? 0);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay) + 1);
  return target.toISOString().slice(0, 10);
}
