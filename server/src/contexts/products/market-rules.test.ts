import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import { laneDigest, periodDays, recordLanes, tallyUses } from './rules/bill.js';
import { mprPosition } from './rules/revenue.js';
import { billLine, usageOutcome } from './rules/metering.js';
import {
  type OrderFacts,
  PM_01_ORDER,
  PM_07_ORDER,
  PM_17_ORDER,
  PM_20_ORDER,
  PM_21,
  PM_22,
  PM_23,
  PM_32,
  PM_33,
} from './rules/orders.js';
import { PM_13_BILL, PM_25, PM_26, type SharePartyIn, splitShares } from './rules/settlement.js';

// Rule tests of products-market.md part 2 (PM-13 bills, PM-17/PM-01/PM-07 orders, PM-21…PM-28), negative cases
// included, and the fast-check properties on the money asked by issue 15.
const zh = loadProfile('zhuhai');
const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);

const order: OrderFacts = {
  productState: 'active',
  productScenario: 'S1',
  scenario: 'S1',
  freeBasis: 'none',
  allowedUnitFen: 60,
  chargedUnitFen: 60,
  labResearch: false,
  labActive: false,
  buyerOrgId: 'buyer',
  venueExchangeOrgIds: ['sz-exchange'],
  buyerIsExchange: false,
  userExchangeOrgIds: [],
};
const delivery = {
  contractState: 'active',
  filedWith: 'platform' as string | null,
  sm3: 'ab'.repeat(32) as string | null,
  mode: 'api_key',
  productModes: ['api_key', 'file_egress'],
  egressApproved: false,
  workspaceId: null as string | null,
};
const party = (orgId: string, bp: number, t: SharePartyIn['fiscalTreatment'] = 'commercial'): SharePartyIn => ({
  orgId,
  role: 'x',
  inputType: 'data',
  contributionBp: bp,
  fiscalTreatment: t,
});

describe('orders', () => {
  it('PM-07: a product that is not live is NOT_REVIEWED', () => {
    expect(code(PM_07_ORDER.check(order, zh))).toBe('ok');
    expect(code(PM_07_ORDER.check({ ...order, productState: 'approved' }, zh))).toBe('NOT_REVIEWED');
  });
  it('PM-01: an order for another scenario is refused', () => {
    expect(code(PM_01_ORDER.check({ ...order, scenario: 'S2' }, zh))).toBe('SCENARIO_NOT_APPROVED');
  });
  it('PM-17: an industry order is charged the effective filed price only', () => {
    expect(code(PM_17_ORDER.check(order, zh))).toBe('ok');
    expect(code(PM_17_ORDER.check({ ...order, chargedUnitFen: 50 }, zh))).toBe('PRICE_NOT_FILED');
    expect(code(PM_17_ORDER.check({ ...order, allowedUnitFen: null }, zh))).toBe('NO_EFFECTIVE_PRICE');
    expect(code(PM_17_ORDER.check({ ...order, freeBasis: 'governance_welfare', chargedUnitFen: 0 }, zh))).toBe('ok');
  });
  it('PM-20: a lab-research order needs an active Lab (LAB_NOT_ACTIVE otherwise); other orders are untouched', () => {
    expect(code(PM_20_ORDER.check({ ...order, labResearch: true, labActive: false }, zh))).toBe('LAB_NOT_ACTIVE');
    expect(code(PM_20_ORDER.check({ ...order, labResearch: true, labActive: true }, zh))).toBe('ok');
    expect(code(PM_20_ORDER.check(order, zh))).toBe('ok');
  });
  it("PM-33: the venue's exchange org, any exchange, or a member of the venue's exchange may not order", () => {
    expect(code(PM_33.check(order, zh))).toBe('ok');
    expect(code(PM_33.check({ ...order, buyerOrgId: 'sz-exchange' }, zh))).toBe('EXCHANGE_MAY_NOT_TRADE');
    expect(code(PM_33.check({ ...order, buyerIsExchange: true }, zh))).toBe('EXCHANGE_MAY_NOT_TRADE');
    expect(code(PM_33.check({ ...order, userExchangeOrgIds: ['sz-exchange'] }, zh))).toBe('EXCHANGE_MAY_NOT_TRADE');
  });
  it('PM-32: a contract letting the buyer pass the deliverables on re-authorizes granted data: refused', () => {
    expect(code(PM_32.check({ onwardTransfer: true }, zh))).toBe('REAUTHORIZATION_FORBIDDEN');
    expect(code(PM_32.check({ onwardTransfer: false }, zh))).toBe('ok');
  });
  it('PM-21: a contract term past the grant is TERM_EXCEEDS_GRANT', () => {
    expect(code(PM_21.check({ termTo: '2027-01-01', grantEnd: '2026-12-31' }, zh))).toBe('TERM_EXCEEDS_GRANT');
    expect(code(PM_21.check({ termTo: '2026-12-31', grantEnd: '2026-12-31' }, zh))).toBe('ok');
  });
});

describe('delivery', () => {
  it('PM-22: a contract not filed on the platform (no filing, no digest) is CONTRACT_NOT_FILED', () => {
    expect(code(PM_22.check(delivery, zh))).toBe('ok');
    expect(code(PM_22.check({ ...delivery, filedWith: null }, zh))).toBe('CONTRACT_NOT_FILED');
    expect(code(PM_22.check({ ...delivery, sm3: null }, zh))).toBe('CONTRACT_NOT_FILED');
  });
  it('PM-23: mode allowed by the product; file_egress needs approved egress; sandbox_seat a workspace', () => {
    expect(code(PM_23.check({ ...delivery, mode: 'model_service' }, zh))).toBe('DELIVERY_MODE_NOT_ALLOWED');
    expect(code(PM_23.check({ ...delivery, mode: 'file_egress' }, zh))).toBe('EGRESS_REQUIRED');
    expect(code(PM_23.check({ ...delivery, mode: 'file_egress', egressApproved: true }, zh))).toBe('ok');
    const seat = { ...delivery, mode: 'sandbox_seat', productModes: ['sandbox_seat'] };
    expect(code(PM_23.check(seat, zh))).toBe('WORKSPACE_REQUIRED');
    expect(code(PM_23.check({ ...seat, workspaceId: 'w' }, zh))).toBe('ok');
  });
});

describe('metering (PM-24)', () => {
  const base = {
    day: '2026-05-10',
    validFrom: '2026-05-01',
    validTo: '2026-05-31',
    used: 0,
    quota: 10,
    freeBasis: 'none',
  };
  it('records the outcome: billable, free, rejected past the quota, rejected outside the period', () => {
    expect(usageOutcome(base)).toBe('billable');
    expect(usageOutcome({ ...base, freeBasis: 'source_unit_free_right' })).toBe('free');
    expect(usageOutcome({ ...base, used: 10 })).toBe('rejected_quota');
    expect(usageOutcome({ ...base, day: '2026-06-01' })).toBe('rejected_expired');
  });
  it('acceptance 6: 12,000 calls at ¥0.60 bill ¥7,200.00', () => {
    expect(billLine({ billableQty: 12_000, unitPriceFen: 60, freeBasis: 'none' })).toBe(720_000);
  });
  it('periods: month bounds and the prior period', () => {
    expect(periodDays('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28', prev: '2026-01' });
    expect(periodDays('2026-01').prev).toBe('2025-12');
  });
});

describe('settlement', () => {
  it('PM-13: a bill on free use is FREE_USE_CHARGED', () => {
    expect(code(PM_13_BILL.check({ freeBasis: 'governance_welfare' }, zh))).toBe('FREE_USE_CHARGED');
    expect(code(PM_13_BILL.check({ freeBasis: 'none' }, zh))).toBe('ok');
  });
  it('PM-25: received above the instruction is SETTLEMENT_MISMATCH', () => {
    expect(code(PM_25.check({ dueFen: 100, receivedFen: 101 }, zh))).toBe('SETTLEMENT_MISMATCH');
    expect(code(PM_25.check({ dueFen: 100, receivedFen: 100 }, zh))).toBe('ok');
  });
  it('PM-26: percentages not totalling 100.00 are SHARES_NOT_100', () => {
    expect(code(PM_26.check({ parties: [party('a', 7000), party('b', 2999)] }, zh))).toBe('SHARES_NOT_100');
    expect(code(PM_26.check({ parties: [party('a', 7000), party('b', 3000)] }, zh))).toBe('ok');
  });
  it('acceptance 6 / PM-27: ¥7,200.00 splits 70/20/10, the source unit share as treasury non-tax revenue', () => {
    const s = splitShares(720_000, [party('op', 7000), party('co', 2000), party('su', 1000, 'treasury_non_tax')]);
    expect(s.map((x) => x.amountFen)).toEqual([504_000, 144_000, 72_000]);
    expect(s.map((x) => x.treasuryNonTax)).toEqual([false, false, true]);
  });
  it('largest remainder: 1 fen over three equal parties goes to the first', () => {
    expect(splitShares(1, [party('a', 3334), party('b', 3333), party('c', 3333)]).map((x) => x.amountFen)).toEqual([
      1, 0, 0,
    ]);
  });
});

// Properties (fast-check) on the money.
const partiesArb = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 }).map((ws) => {
  const sum = ws.reduce((a, b) => a + b, 0) || 1;
  const bps = ws.map((w) => Math.floor((w * 10_000) / sum));
  bps[0]! += 10_000 - bps.reduce((a, b) => a + b, 0);
  return bps.map((bp, i) => party(`org${i}`, bp, i === 0 ? 'treasury_non_tax' : 'commercial'));
});
const useArb = fc.record({
  id: fc.uuid(),
  idempotency_key: fc.string({ minLength: 1, maxLength: 12 }),
  outcome: fc.constantFrom('billable', 'free', 'rejected_quota', 'rejected_expired'),
  quantity: fc.integer({ min: 1, max: 1000 }),
});

describe('properties', () => {
  it('shares always sum to the settled amount, each within 1 fen of its exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), partiesArb, (amount, parties) => {
        expect(code(PM_26.check({ parties }, zh))).toBe('ok');
        const s = splitShares(amount, parties);
        expect(s.reduce((a, x) => a + x.amountFen, 0)).toBe(amount);
        s.forEach((x, i) => {
          expect(Number.isInteger(x.amountFen)).toBe(true);
          expect(Math.abs(x.amountFen * 10_000 - amount * parties[i]!.contributionBp)).toBeLessThan(10_000);
        });
      }),
    );
  });

  it('an excess carries to the next cycle: next deduction = excess, and revenue at the allowance has none', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e10 }),
        fc.integer({ min: 0, max: 1e10 }),
        fc.integer({ min: 0, max: 1e10 }),
        (mpr, deduction, revenue) => {
          const c1 = mprPosition(
            { mprFen: mpr, deductionFromPriorFen: deduction, actualIndustryRevenueFen: revenue },
            90,
          );
          expect(c1.excessFen).toBe(Math.max(0, revenue - Math.max(0, mpr - deduction)));
          // cycle 2 starts with the carried excess as its deduction, lowering its allowance by exactly that much
          const c2 = mprPosition({ mprFen: mpr, deductionFromPriorFen: c1.excessFen, actualIndustryRevenueFen: 0 }, 90);
          expect(c2.allowanceFen).toBe(Math.max(0, mpr - c1.excessFen));
        },
      ),
    );
  });

  it('free use never produces a bill', () => {
    fc.assert(
      fc.property(
        fc.array(useArb, { maxLength: 50 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom('governance_welfare', 'source_unit_free_right', 'lab_research'),
        (uses, price, basis) => {
          expect(tallyUses(uses, price, basis).amountFen).toBe(0);
          expect(code(PM_13_BILL.check({ freeBasis: basis }, zh))).toBe('FREE_USE_CHARGED');
        },
      ),
    );
  });

  it('a retried usage event is never billed twice: the kept records bill the same as without the retries', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(useArb, { selector: (u) => u.idempotency_key, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.integer({ min: 1, max: 1000 }),
        (uses, retries, price) => {
          // a meter keeps the first record per idempotency key (the UNIQUE key; recordUsage answers the kept one)
          const kept = new Map<string, (typeof uses)[number]>();
          const stream = [
            ...uses,
            ...retries.filter(() => uses.length).map((i) => ({ ...uses[i % uses.length]!, id: `${i}` })),
          ];
          for (const u of stream) if (!kept.has(u.idempotency_key)) kept.set(u.idempotency_key, u);
          expect(tallyUses([...kept.values()], price, 'none').amountFen).toBe(tallyUses(uses, price, 'none').amountFen);
        },
      ),
    );
  });
  it('decision 0074: a line digest from summed lanes is the same in any order, and changes with any record', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(useArb, { selector: (u) => u.id, minLength: 1, maxLength: 40 }),
        fc.nat(),
        (uses, seed) => {
          const shuffled = [...uses].sort((a, b) => (a.id + seed).localeCompare(b.id + seed));
          const d = tallyUses(uses, 60, 'none').digest;
          expect(tallyUses(shuffled, 60, 'none').digest).toBe(d);
          // what the settlement run computes in SQL: the count and the exact sums of the stored lanes
          const sums = uses.reduce(
            (s, u) => ({ hi: s.hi + BigInt(recordLanes(u).hi), lo: s.lo + BigInt(recordLanes(u).lo) }),
            { hi: 0n, lo: 0n },
          );
          expect(laneDigest(uses.length, sums.hi, sums.lo)).toBe(d);
          // a dropped record, or one whose outcome was edited, no longer matches
          expect(tallyUses(uses.slice(1), 60, 'none').digest).not.toBe(d);
          const edited = { ...uses[0]!, outcome: uses[0]!.outcome === 'billable' ? 'free' : 'billable' };
          expect(tallyUses([edited, ...uses.slice(1)], 60, 'none').digest).not.toBe(d);
        },
      ),
    );
  });
});
