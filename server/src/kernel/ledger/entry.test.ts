import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../crypto/jcs.js';
import { buildEntry, commitment, type EntryHeader, headerJson, leafDataOf, leafHashOf, openPayload } from './entry.js';

/** Headers with the awkward values JCS must get right: escapes, non-BMP text, nulls, nested actors. */
function header(i: number): EntryHeader {
  const odd = ['', 'a"b\\c', '\u0000\u001f\u2028', '数运 罗湖区 🎉', 'x'.repeat(300), 'é\u0301'][i % 6]!;
  return {
    logId: `ledger.luohu.example/main-sm3${odd}`,
    eventId: `0190a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`,
    objectType: i % 2 ? 'Grant' : odd,
    objectId: randomBytes(8).toString('hex'),
    objectVersion: i + 1,
    eventType: `Grant.suspended${odd}`,
    fromState: i % 3 ? 'active' : null,
    toState: i % 4 ? odd : null,
    actor: {
      userId: `system:${odd}`,
      orgId: null,
      orgUscc: i % 2 ? '91440300MA5G0000X1' : null,
      role: 'system',
      z: [1, { b: 2, a: odd }],
    },
    occurredAt: '2026-06-10T02:00:00.000Z',
    txId: String(1000 + i),
    prevObjectLeafHash: i % 2 ? null : randomBytes(32).toString('hex'),
    retentionClass: 'permanent',
    schemaVersion: 1,
  };
}

describe('LED-03/LED-P5 buildEntry writes the RFC 8785 form without sorting per entry', () => {
  it('headerJson equals canonicalJson(header), with or without the actor given, and with keys in any order', () => {
    for (let i = 0; i < 60; i++) {
      const h = header(i);
      expect(headerJson(h)).toBe(canonicalJson(h));
      expect(headerJson(h, canonicalJson(h.actor))).toBe(canonicalJson(h));
      const shuffled = Object.fromEntries(Object.entries(h).reverse()) as unknown as EntryHeader;
      expect(headerJson(shuffled)).toBe(canonicalJson(h));
    }
  });

  it('a header with an undefined or an extra key falls back to the generic form (same bytes as canonicalJson)', () => {
    const h = { ...header(1), fromState: undefined } as unknown as EntryHeader;
    expect(headerJson(h)).toBe(canonicalJson(h));
    const extra = { ...header(2), aExtra: 'x' } as unknown as EntryHeader;
    expect(headerJson(extra)).toBe(canonicalJson(extra));
    const missing = { ...header(3) } as Partial<EntryHeader>;
    delete missing.txId;
    expect(headerJson({ ...missing, zExtra: 1 } as unknown as EntryHeader)).toBe(
      canonicalJson({ ...missing, zExtra: 1 }),
    );
  });

  it('the built entry: leaf bytes are the generic JCS leaf, commitments and payload open as the audit checks them', () => {
    const masterKey = randomBytes(16);
    for (let i = 0; i < 12; i++) {
      const h = header(i);
      const payload = { input: { note: header(i + 1).toState }, values: { id: h.objectId, n: i } };
      const b = buildEntry('sm3', 32, masterKey, h, payload);
      expect(b.headerJson).toBe(canonicalJson(h));
      expect(JSON.parse(b.headerJson)).toEqual(h);
      expect(commitment('sm3', b.headerSalt, h)).toBe(b.headerCommitment);
      expect(commitment('sm3', b.payloadSalt, payload)).toBe(b.payloadCommitment);
      expect(b.leafData.equals(leafDataOf(h, b.headerCommitment, b.payloadCommitment))).toBe(true);
      expect(leafHashOf('sm3', b.leafData)).toBe(b.leafHash);
      expect(openPayload(masterKey, b.payloadKeyEnc, b.payloadEnc)).toEqual(payload);
    }
  });
});
