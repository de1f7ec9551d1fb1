import { fail, pass, rule } from '../../kernel/workflow/rules.js';

/**
 * LAB-29 (000:L36; decision 0100): a lab product used for Zhuhai public governance or public welfare is free only
 * conditionally — where the profile switches it on (`lab.freeForLocalGovernance`) and the lab's filed agreement
 * states the conditions of that use (`initiatorProductUse`, 000:L36). Otherwise the order is priced as filed.
 */
export const LAB_29 = rule<{ agreementAllows: boolean }>('LAB-29', (f, p) => {
  if (!p.get<boolean>('lab.freeForLocalGovernance')) return fail('LAB_GOVERNANCE_FREE_OFF', {}, 422);
  return f.agreementAllows ? pass() : fail('LAB_GOVERNANCE_FREE_NOT_AGREED', {}, 422);
});
