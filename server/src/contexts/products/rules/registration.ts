import { fail, pass, rule } from '../../../kernel/workflow/rules.js';

export interface RegistrationFacts {
  procedure: string;
  /** first, change, cancellation or revocation (004:L11348). */
  type: string;
  /** The state the registration is leaving. */
  from: string;
  productState: string;
  now: string;
  publicityEnd: string | null;
  openObjections: number;
}

// PM-08: public-data products take the ordinary procedure: first review, second review, then publicity (004:L11411–11425).
export const PM_08 = rule('PM-08', (f: RegistrationFacts) =>
  f.procedure === 'ordinary' && f.from === 'formal_review'
    ? fail('SECOND_REVIEW_REQUIRED', { procedure: f.procedure }, 422)
    : pass(),
);

const CANCELLABLE = ['registered', 'active', 'suspended'];

// PM-07 (registration side): only an approved product is first registered (its review passed); PM-35: only a
// registered product is cancelled.
export const PM_07_REGISTRABLE = rule('PM-07', (f: RegistrationFacts) => {
  if (f.type === 'cancellation' || f.type === 'revocation')
    return CANCELLABLE.includes(f.productState) ? pass() : fail('NOT_REGISTERED', { state: f.productState }, 422);
  return f.productState === 'approved' ? pass() : fail('NOT_REVIEWED', { state: f.productState }, 422);
});

// PM-35: a product is retired only through a completed cancellation registration (004:L11568–11582).
export const PM_35 = rule('PM-35', (f: { cancellationRegistered: boolean }) =>
  f.cancellationRegistered ? pass() : fail('CANCELLATION_REGISTRATION_REQUIRED', {}, 409),
);

/** Publicity must have run its working days without an open objection before the code is issued (catalog REG clocks). */
export const PUBLICITY_CLEARED = rule('PM-07', (f: RegistrationFacts) => {
  if (!f.publicityEnd || f.now < f.publicityEnd)
    return fail('PUBLICITY_NOT_ENDED', { publicityEnd: f.publicityEnd }, 409);
  return f.openObjections ? fail('OBJECTION_OPEN', { count: f.openObjections }, 409) : pass();
});
