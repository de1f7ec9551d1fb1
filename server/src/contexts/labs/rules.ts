import { addYears } from '../../kernel/calendar/calendar.js';
import type { Profile } from '../../kernel/profiles/index.js';
import { fail, pass, rule } from '../../kernel/workflow/rules.js';
import {
  type ChangeDiff,
  type ChangeKind,
  type ConstructionPlan,
  type DataScopeLine,
  type Director,
  DIRECTOR_QUALIFICATIONS,
  INITIATOR_KINDS,
  LAB_PURPOSE,
  PARTNER_KINDS,
  PLAN_TEXT_ITEMS,
  PLATFORM_COMPONENTS,
  type PlatformAttestation,
  type Seal,
  SEAL_DOCUMENTS,
  type SealDocument,
  type SimilarLab,
} from './model.js';

/**
 * labs.md rules as pure functions named by rule ID (style.md §3). Every refusal is 422: the application,
 * agreement or attestation as given does not meet the measures (issue 18 "Refusals answer 422").
 */
const refuse = (code: string, params: Record<string, unknown> = {}) => fail(code, params, 422);

export const DOCUMENT_NAMES: Record<SealDocument, { zh: string; en: string }> = {
  application: { zh: '申报书', en: 'application form' },
  commitment: { zh: '数据安全承诺书', en: 'data-security commitment' },
  agreement: { zh: '共建协议', en: 'co-building agreement' },
};

export interface Party {
  id: string;
  name: string;
  kind: string;
}

// ---- Submission ----

export interface GuideFacts {
  guide: { state: string; windowFrom: string; windowTo: string } | null;
  today: string;
}
/** LAB-01: an application answers a published call (申报指南) inside its window. */
export const LAB_01_GUIDE = rule('LAB-01', (f: GuideFacts) => {
  const g = f.guide;
  if (!g || g.state !== 'published') return refuse('LAB_GUIDE_NOT_OPEN', { from: '', to: '' });
  return f.today < g.windowFrom || f.today > g.windowTo
    ? refuse('LAB_GUIDE_NOT_OPEN', { from: g.windowFrom, to: g.windowTo })
    : pass();
});

export interface DocumentFacts {
  documents: Record<SealDocument, boolean>;
}
/** LAB-01: submission needs 申报书, 数据安全承诺书 and the 共建协议 draft (000:L29). */
export const LAB_01 = rule('LAB-01', (f: DocumentFacts) => {
  const missing = SEAL_DOCUMENTS.filter((d) => !f.documents[d]);
  return missing.length
    ? refuse('LAB_DOCUMENT_MISSING', {
        documents: missing.map((d) => DOCUMENT_NAMES[d].zh).join('、'),
        documentsEn: missing.map((d) => DOCUMENT_NAMES[d].en).join(', '),
        keys: missing,
      })
    : pass();
});

export interface SealFacts {
  seals: Seal[];
  initiator: Party;
  partner: Party;
}
/** LAB-02: each document carries a verified seal of both parties, six in all (000:L29); scanned per profile. */
export const LAB_02 = rule('LAB-02', (f: SealFacts, p: Profile) => {
  const scannedOk = p.get<boolean>('lab.acceptScannedSeals');
  const missing: { org: Party; document: SealDocument }[] = [];
  for (const document of SEAL_DOCUMENTS)
    for (const org of [f.initiator, f.partner]) {
      const ok = f.seals.some(
        (s) => s.orgId === org.id && s.document === document && s.verified && (scannedOk || s.kind === 'e_seal'),
      );
      if (!ok) missing.push({ org, document });
    }
  return missing.length
    ? refuse('LAB_SEAL_MISSING', {
        missing: missing.map((m) => `${m.org.name}/${DOCUMENT_NAMES[m.document].zh}`).join('；'),
        missingEn: missing.map((m) => `${m.org.name}/${DOCUMENT_NAMES[m.document].en}`).join('; '),
        seals: missing.map((m) => ({ orgId: m.org.id, document: m.document })),
      })
    : pass();
});

export interface PlanFacts {
  plan: ConstructionPlan | null;
}
/** LAB-03: every construction-plan item is filled in, with at least one period indicator (000:L29, L38). */
export const LAB_03 = rule('LAB-03', (f: PlanFacts) => {
  const plan = f.plan;
  const empty: string[] = plan
    ? PLAN_TEXT_ITEMS.filter((k) => !plan[k].trim())
    : [...PLAN_TEXT_ITEMS, 'researchSchedule', 'periodIndicators'];
  if (plan && !plan.researchSchedule.length) empty.push('researchSchedule');
  if (plan && !plan.periodIndicators.length) empty.push('periodIndicators');
  return empty.length ? refuse('LAB_PLAN_INCOMPLETE', { items: empty.join(', ') }) : pass();
});

export interface ScenarioFacts {
  /** A live lab or application of the same initiator with the same scenarioCode, if any. */
  sameScenario: { no: string; name: string } | null;
}
/** LAB-04: no two live labs of one initiator share a scenarioCode (000:L28). */
export const LAB_04 = rule('LAB-04', (f: ScenarioFacts) =>
  f.sameScenario ? refuse('LAB_SCENARIO_DUPLICATE', { labNo: f.sameScenario.no, name: f.sameScenario.name }) : pass(),
);

export interface SimilarityFacts {
  similar: SimilarLab[];
  duplicateNote: boolean;
}
/** LAB-04: a pair at or above the similarity threshold needs the reviewer's "not duplicate" note before shortlisting. */
export const LAB_04_SIMILAR = rule('LAB-04', (f: SimilarityFacts, p: Profile) => {
  const threshold = p.get<number>('lab.scenarioSimilarityThreshold');
  const close = f.similar.filter((s) => s.score >= threshold);
  if (!close.length || f.duplicateNote) return pass();
  return refuse('LAB_SIMILAR_NEEDS_NOTE', {
    no: close[0]!.no,
    score: close[0]!.score.toFixed(2),
    threshold,
  });
});

export interface BanFacts {
  ban: { id: string; endsOn: string } | null;
}
/** LAB-05: the partner (by USCC) has no active Ban; the refusal names its last day (000:L60–61). */
export const LAB_05 = rule('LAB-05', (f: BanFacts) =>
  f.ban ? refuse('LAB_PARTNER_BANNED', { endsOn: f.ban.endsOn, banId: f.ban.id }) : pass(),
);

export interface DirectorFacts {
  director: Director | null;
  directorAttested: boolean;
}
/** LAB-06: the director is a senior domain expert or a strong manager, attested by the reviewer (000:L37). */
export const LAB_06 = rule('LAB-06', (f: DirectorFacts) => {
  if (!f.director || !DIRECTOR_QUALIFICATIONS.includes(f.director.qualification)) return refuse('LAB_DIRECTOR_MISSING');
  return f.directorAttested ? pass() : refuse('LAB_DIRECTOR_NOT_ATTESTED', { name: f.director.name });
});

export interface KindFacts {
  initiator: Party;
  partner: Party;
}
/** LAB-07: the initiator is a government organ or public institution; the partner never a natural person (000:L12, L20). */
export const LAB_07 = rule('LAB-07', (f: KindFacts) => {
  if (!(INITIATOR_KINDS as readonly string[]).includes(f.initiator.kind))
    return refuse('LAB_ORG_KIND_NOT_ALLOWED', { party: '发起单位', partyEn: 'initiator', kind: f.initiator.kind });
  if (!(PARTNER_KINDS as readonly string[]).includes(f.partner.kind))
    return refuse('LAB_ORG_KIND_NOT_ALLOWED', { party: '产研单位', partyEn: 'partner', kind: f.partner.kind });
  return f.initiator.id === f.partner.id ? refuse('LAB_PARTIES_SAME') : pass();
});

// ---- Agreement ----

export interface AgreementFacts {
  dataScope: DataScopeLine[];
  purpose: string;
  usePeriod: { from: string; to: string };
  duties: { initiator: string; partner: string };
  rights: { initiator: string; partner: string };
  securityMeasures: { text: string };
}
/** LAB-08: the agreement states scope, purpose (lab R&D only), use period, duties, rights and security measures (000:L31). */
export const LAB_08 = rule('LAB-08', (f: AgreementFacts) => {
  if (f.purpose !== LAB_PURPOSE) return refuse('LAB_PURPOSE_INVALID', { purpose: f.purpose });
  const missing: string[] = [];
  if (!f.dataScope.length) missing.push('dataScope');
  if (f.usePeriod.to < f.usePeriod.from) missing.push('usePeriod');
  for (const part of ['duties', 'rights'] as const)
    for (const party of ['initiator', 'partner'] as const) if (!f[part][party].trim()) missing.push(`${part}.${party}`);
  if (!f.securityMeasures.text.trim()) missing.push('securityMeasures.text');
  return missing.length ? refuse('LAB_AGREEMENT_INCOMPLETE', { fields: missing.join(', ') }) : pass();
});

export interface AgreementSealFacts {
  seals: { orgId: string; verified: boolean; kind: string }[];
  initiator: Party;
  partner: Party;
}
/** LAB-08: the filed agreement is signed and sealed by both parties (000:L31 "签署"). */
export const LAB_08_SEALS = rule('LAB-08', (f: AgreementSealFacts, p: Profile) => {
  const scannedOk = p.get<boolean>('lab.acceptScannedSeals');
  const missing = [f.initiator, f.partner].filter(
    (o) => !f.seals.some((s) => s.orgId === o.id && s.verified && (scannedOk || s.kind === 'e_seal')),
  );
  return missing.length
    ? refuse('LAB_AGREEMENT_SEAL_MISSING', { missing: missing.map((o) => o.name).join('、') })
    : pass();
});

/** LAB-12: every scope line is classified (grade) by the initiator, and ends within the use period (000:L15). */
export const LAB_12 = rule('LAB-12', (f: AgreementFacts) => {
  for (const [i, line] of f.dataScope.entries()) {
    if (!line.classification.grade)
      return refuse('LAB_SCOPE_UNCLASSIFIED', { path: `dataScope[${i}].classification.grade` });
    if (line.validTo > f.usePeriod.to)
      return refuse('LAB_SCOPE_VALID_TO_AFTER_PERIOD', { path: `dataScope[${i}].validTo`, to: f.usePeriod.to });
  }
  return pass();
});

// ---- Certification ----

export interface CertifyFacts {
  agreementState: string | null;
  attestation: PlatformAttestation | null;
}
/** LAB-09: no certification before the agreement is filed (000:L32). */
export const LAB_09 = rule('LAB-09', (f: CertifyFacts) =>
  f.agreementState === 'filed' ? pass() : refuse('LAB_AGREEMENT_NOT_FILED', { state: f.agreementState ?? 'none' }),
);

/** LAB-10: the platform sits in the government extranet; CPU, OS and database carry evaluation references (000:L46). */
export const LAB_10 = rule('LAB-10', (f: CertifyFacts) => {
  const a = f.attestation;
  const missing: string[] = [];
  if (!a?.inGovExtranet) missing.push('inGovExtranet');
  for (const kind of PLATFORM_COMPONENTS)
    if (!a?.components.some((c) => c.kind === kind && c.evaluationRef.trim())) missing.push(kind);
  return missing.length ? refuse('LAB_PLATFORM_NOT_ATTESTED', { missing: missing.join(', ') }) : pass();
});

/** LAB-11: a certification is valid for `lab.certificationYears`, to the same month and day (民法典 Art. 203). */
export function certificationValidTo(certifiedAt: string, p: Profile): string {
  return addYears(certifiedAt, p.get<number>('lab.certificationYears'));
}

/** LAB-04: cosine similarity of character-bigram count vectors (whitespace and punctuation ignored). */
export function bigramCosine(a: string, b: string): number {
  const va = bigrams(a);
  const vb = bigrams(b);
  let dot = 0;
  for (const [g, n] of va) dot += n * (vb.get(g) ?? 0);
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((s, n) => s + n * n, 0));
  const d = norm(va) * norm(vb);
  return d === 0 ? 0 : Math.round((dot / d) * 1000) / 1000;
}

function bigrams(s: string): Map<string, number> {
  const chars = [...s.replace(/[\s\p{P}]/gu, '')];
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

// ---- Changes ----

const APPROVAL_KINDS: ChangeKind[] = [
  'security_requirements',
  'data_scope',
  'supply_method',
  'partner_change',
  'revocation',
];

/** LAB-21: the kinds a diff touches (000:L54–56); anything else is a `general` change. */
export function changeKinds(d: ChangeDiff): ChangeKind[] {
  const kinds: ChangeKind[] = [];
  if (d.securityRequirements !== undefined) kinds.push('security_requirements');
  if (d.dataScopeAdd?.length) kinds.push('data_scope');
  if (d.supplyMode !== undefined) kinds.push('supply_method');
  if (d.newPartnerOrgId !== undefined) kinds.push('partner_change');
  if (d.revocation) kinds.push('revocation');
  if (d.researchSchedule !== undefined || d.researchDirection !== undefined || d.other !== undefined)
    kinds.push('general');
  return kinds;
}

/** LAB-21: approval when any kind needs the authority; otherwise filing (effective when the supplement is filed). */
export const changeTrack = (kinds: readonly ChangeKind[]): 'approval' | 'filing' =>
  kinds.some((k) => APPROVAL_KINDS.includes(k)) ? 'approval' : 'filing';

export interface ChangeFacts {
  kinds: ChangeKind[];
  supplementaryAgreementFileId: string | null;
}
/** LAB-21: a change names something; a filing-track change carries its supplementary agreement (补充协议). */
export const LAB_21 = rule('LAB-21', (f: ChangeFacts) => {
  if (!f.kinds.length) return refuse('LAB_CHANGE_EMPTY');
  return changeTrack(f.kinds) === 'filing' && !f.supplementaryAgreementFileId
    ? refuse('LAB_SUPPLEMENT_REQUIRED')
    : pass();
});
