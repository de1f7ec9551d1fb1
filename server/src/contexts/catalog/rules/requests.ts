import { fail, pass, rule } from '../../../kernel/workflow/rules.js';

/** Who decides a ShareRequest / OpenRequest at its current step (pure data). */
export interface ApproverFacts {
  approverModel: string;
  state: string;
  actorIsProvider: boolean;
  actorIsAuthority: boolean;
}

// SHR-02 (`share.approverModel`): under `provider` the providing unit decides; under
// `authority_consults_provider` (sichuan, chongqing) the authority decides, except in
// `provider_consulted`, where the provider's answer is the decision (004:L23625–23635).
export const SHR_02_APPROVER = rule('SHR-02', (f: ApproverFacts) => {
  // SHR-04: an escalated refusal is the authority's to decide.
  const providerStep = f.state !== 'escalated' && (f.approverModel === 'provider' || f.state === 'provider_consulted');
  const ok = providerStep ? f.actorIsProvider : f.actorIsAuthority;
  return ok
    ? pass()
    : fail(
        'REQUEST_APPROVER_MISMATCH',
        { approverModel: f.approverModel, state: f.state, expected: providerStep ? 'provider' : 'authority' },
        403,
      );
});

// Request clocks: an extension or a provider consultation only where the profile has one
// (catalog.md Request lifecycle guard "Profile has an extension").
export const REQUEST_EXTENSION = rule(
  'SHR-CLOCK',
  (f: { step: 'extend' | 'consult_provider'; days: number | null; approverModel: string }) => {
    if (f.step === 'consult_provider' && f.approverModel !== 'authority_consults_provider')
      return fail('EXTENSION_NOT_AVAILABLE', { step: f.step }, 409);
    return f.days && f.days > 0 ? pass() : fail('EXTENSION_NOT_AVAILABLE', { step: f.step }, 409);
  },
);

/** The instrument a conditional open request is delivered under (OPN-04). */
export interface InstrumentFacts {
  required: 'pledge' | 'agreement';
  instrument?: {
    kind?: string;
    dataList?: string[];
    purpose?: string;
    scenario?: string;
    securityMeasures?: string;
    term?: string;
    disposalAtExpiry?: string;
    usageFeedback?: string;
    capacityEvidence?: string[];
  } | null;
  capacityRequired: boolean;
}

const INSTRUMENT_ITEMS = [
  'purpose',
  'scenario',
  'securityMeasures',
  'term',
  'disposalAtExpiry',
  'usageFeedback',
] as const;

// OPN-04: conditional opening needs a signed pledge or agreement (per `open.instrument`) naming the
// data list, purpose, scenario, security measures, term, disposal at expiry and usage feedback,
// and capacity evidence where configured (004:L23691–23697; 004:L8897–8905; 004:L25423–25427).
export const OPN_04 = rule('OPN-04', (f: InstrumentFacts) => {
  const i = f.instrument;
  if (!i || i.kind !== f.required)
    return fail('OPEN_INSTRUMENT_REQUIRED', { instrument: f.required, missing: 'kind' }, 422);
  const missing: string[] = INSTRUMENT_ITEMS.filter((k) => !i[k]?.trim());
  if (!i.dataList?.length) missing.unshift('dataList');
  if (f.capacityRequired && !i.capacityEvidence?.length) missing.push('capacityEvidence');
  return missing.length
    ? fail('OPEN_INSTRUMENT_REQUIRED', { instrument: f.required, missing: missing.join(', ') }, 422)
    : pass();
});

// OPN-04 at delivery: a conditional open request is delivered only after its instrument is signed.
export const OPN_04_DELIVER = rule('OPN-04', (f: { kind: string; openClass: string; state: string }) =>
  f.kind === 'open' && f.openClass === 'conditional' && f.state !== 'agreement_signed'
    ? fail('OPEN_INSTRUMENT_REQUIRED', { instrument: 'signed', missing: 'signature' }, 409)
    : pass(),
);

// OBJ-01: deleting data that infringes PI or trade secrets is an answer only where the profile allows it (jilin, 004:L33037–33043).
export const OBJ_01_DELETE = rule('OBJ-01', (f: { deleteAllowed: boolean }) =>
  f.deleteAllowed ? pass() : fail('OBJECTION_DELETE_NOT_ALLOWED', {}, 409),
);
