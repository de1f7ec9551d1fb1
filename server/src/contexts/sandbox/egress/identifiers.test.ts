import { describe, expect, it } from 'vitest';
import { runEgressChecks, type CheckInput } from './checks.js';
import { identifierKind } from './identifiers.js';

// EGR-02 bank cards use the catalog's DET-02 detector (scheme IIN + length + Luhn): an order or
// waybill number made Luhn-valid is not a card, a UnionPay card is.

/** Appends the Luhn check digit to a digit string. */
function withLuhn(body: string): string {
  let sum = 0;
  for (let i = body.length - 1, dbl = true; i >= 0; i--, dbl = !dbl) {
    let d = body.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

// Order numbers (date + sequence, 16 digits) and waybill numbers (19 digits): no card scheme starts so.
const ORDERS = ['202612060000001', '202612060000002', '202612060000003'].map(withLuhn);
const WAYBILLS = ['780300123456789012', '100300123456789028'].map(withLuhn);
const UNIONPAY = withLuhn('622202123456789'); // 16 digits, BIN 62

function egress(dimension: string[]): CheckInput {
  return {
    outputKind: 'aggregate_table',
    policy: { allowedOutputKinds: ['aggregate_table'], minGroupSize: 10, smallCellSuppression: false, dp: null },
    shape: {
      view: '订单',
      dimensions: ['订单号'],
      columns: [
        { name: '订单号', role: 'dimension', field: '订单号' },
        { name: 'n', role: 'count', field: null },
      ],
    },
    fields: new Map([['订单号', { personalInfo: false, directIdentifier: false, method: 'none' }]]),
    rows: dimension.map((v) => [v, 20]),
    subjectCounts: dimension.map(() => 20),
    sketches: dimension.map(() => new BigUint64Array()),
    previous: new Map(),
    differencingGuard: false,
    k: 10,
    dpBudget: { totalMicro: 0, spentMicro: 0, perReleaseMicro: 0, delta: 0 },
  };
}

describe('EGR-02 bank cards in an egress result (DET-02 IIN + length + Luhn)', () => {
  it('Luhn-valid order and waybill numbers are not flagged as bank cards', () => {
    for (const v of [...ORDERS, ...WAYBILLS]) expect(identifierKind(v, false), v).toBeNull();
    const out = runEgressChecks(egress([...ORDERS, ...WAYBILLS]));
    expect(out.failures).toEqual([]);
    expect(out.autoChecks.find((c) => c.check === 'EGR-02')!.result).toBe('pass');
  });
  it('a UnionPay card number among them is flagged as bank_card', () => {
    expect(identifierKind(UNIONPAY, false)).toBe('bank_card');
    const out = runEgressChecks(egress([...ORDERS, UNIONPAY]));
    expect(out.failures[0]).toMatchObject({
      ruleId: 'EGR-02',
      code: 'DIRECT_IDENTIFIER_IN_OUTPUT',
      params: { column: '订单号', kind: 'bank_card' },
    });
  });
});
