import { fail, pass, rule } from '../../../kernel/workflow/rules.js';

/** One party of a RevenueShare (002:L187): its contribution in basis points of 100.00 % (integer, no floats). */
export interface SharePartyIn {
  orgId: string;
  role: string;
  inputType: string;
  /** 100.00 % = 10000. */
  contributionBp: number;
  fiscalTreatment: 'treasury_non_tax' | 'public_institution_rules' | 'commercial';
}
export interface ShareLine {
  orgId: string;
  role: string;
  amountFen: number;
  treasuryNonTax: boolean;
}

// PM-26: revenue-share percentages sum to exactly 100.00.
export const PM_26 = rule('PM-26', (f: { parties: SharePartyIn[] }) => {
  const total = f.parties.reduce((s, p) => s + p.contributionBp, 0);
  return total !== 10_000 || f.parties.some((p) => p.contributionBp < 0)
    ? fail('SHARES_NOT_100', { totalPct: total / 100 }, 422)
    : pass();
});

/**
 * PM-26/PM-27: splits a settled amount by contribution with the largest-remainder method in integer fen, so the
 * shares always sum to the amount; ties go to the earlier party (a stable, published order). A party whose fiscal
 * treatment is treasury non-tax revenue (an administrative unit, PM-27) is marked so.
 */
export function splitShares(amountFen: number, parties: SharePartyIn[]): ShareLine[] {
  const floors = parties.map((p) => Math.floor((amountFen * p.contributionBp) / 10_000));
  const rems = parties.map((p, i) => ({ i, r: amountFen * p.contributionBp - floors[i]! * 10_000 }));
  let left = amountFen - floors.reduce((s, x) => s + x, 0);
  for (const { i } of [...rems].sort((a, b) => b.r - a.r || a.i - b.i)) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return parties.map((p, i) => ({
    orgId: p.orgId,
    role: p.role,
    amountFen: floors[i]!,
    treasuryNonTax: p.fiscalTreatment === 'treasury_non_tax',
  }));
}

// PM-25: the agent's confirmation must match the platform's instruction (amount received ≤ due, both integer fen).
export const PM_25 = rule('PM-25', (f: { dueFen: number; receivedFen: number }) =>
  f.receivedFen > f.dueFen
    ? fail('SETTLEMENT_MISMATCH', { dueFen: f.dueFen, receivedFen: f.receivedFen }, 422)
    : pass(),
);

// PM-13/PM-19/PM-20: free use (governance/welfare, a source unit's right, lab research) never produces a bill.
export const PM_13_BILL = rule('PM-13', (f: { freeBasis: string }) =>
  f.freeBasis !== 'none' ? fail('FREE_USE_CHARGED', { freeBasis: f.freeBasis, amountFen: 0 }, 422) : pass(),
);
