import { fail, pass, rule } from '../../../kernel/workflow/rules.js';

export interface PsiOpenFacts {
  psiAllowed: boolean;
  membershipAllowed: boolean;
  contractActive: boolean;
  grantActive: boolean;
  mode: 'cardinality' | 'membership';
  listSize: number;
  sessionsToday: number;
}

// PSI-01: the Grant has psiAllowed and an active Contract of this buyer covers the service; `membership` mode needs
// the Grant's explicit permission (person-level data therefore runs in `cardinality` unless the Grant says otherwise).
export const PSI_01 = rule('PSI-01', (f: PsiOpenFacts) => {
  if (!f.psiAllowed || !f.grantActive) return fail('PSI_NOT_ALLOWED', { reason: 'grant' }, 403);
  if (!f.contractActive) return fail('PSI_NOT_ALLOWED', { reason: 'contract' }, 403);
  if (f.mode === 'membership' && !f.membershipAllowed) return fail('PSI_MODE_NOT_ALLOWED', { mode: f.mode }, 403);
  return pass();
});

// PSI-04: the list is within psi.minList…psi.maxList, and a buyer opens at most psi.maxSessionsPerDay sessions per
// service (dataset) per Shanghai day.
export const PSI_04 = rule('PSI-04', (f: PsiOpenFacts, p) => {
  const min = p.get<number>('psi.minList');
  const max = p.get<number>('psi.maxList');
  if (f.listSize < min || f.listSize > max) return fail('PSI_LIST_SIZE', { min, max }, 422);
  const cap = p.get<number>('psi.maxSessionsPerDay');
  if (f.sessionsToday >= cap) return fail('PSI_SESSION_CAP', { max: cap }, 429);
  return pass();
});

export interface DifferencingFacts {
  k: number;
  /** Symmetric difference between this list and each earlier cardinality list of the buyer on the service. */
  differences: number[];
}

// PSI-04 differencing guard (cardinality): a list must differ by at least k items from every earlier one.
export const PSI_04_DIFFERENCING = rule('PSI-04', (f: DifferencingFacts) =>
  f.differences.some((d) => d < f.k) ? fail('PSI_DIFFERENCING', { k: f.k }, 409) : pass(),
);
