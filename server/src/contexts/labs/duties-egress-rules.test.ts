import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import type { Profile } from '../../kernel/profiles/index.js';
import { LAB_19, LAB_19_ACCEPTED, LAB_33, LAB_34, LAB_35 } from './rules-egress.js';

// labs.md lab egress rules (LAB-19, LAB-33, LAB-34, LAB-35) as pure rules, both ways.
const p = loadProfile('zhuhai');
const withParam = (key: string, value: unknown): Profile => ({
  ...p,
  get: <T>(k: string) => (k === key ? value : p.get(k)) as T,
});

describe('LAB-19 unapproved egress → the initiator orders rectification on the recorded Incident', () => {
  it('needs an unapproved_egress Incident naming this lab; another type or another lab is refused', () => {
    expect(LAB_19.check({ incident: { type: 'unapproved_egress', labIds: ['L'] }, labId: 'L' }, p).ok).toBe(true);
    expect(LAB_19.check({ incident: { type: 'leak', labIds: ['L'] }, labId: 'L' }, p)).toMatchObject({
      ok: false,
      code: 'LAB_EGRESS_BASIS_MISSING',
    });
    expect(LAB_19.check({ incident: { type: 'unapproved_egress', labIds: ['X'] }, labId: 'L' }, p).ok).toBe(false);
    expect(LAB_19.check({ incident: null, labId: 'L' }, p).ok).toBe(false);
  });
  it('the lab returns to active only on an accepted Rectification', () => {
    expect(LAB_19_ACCEPTED.check({ rectificationState: 'accepted' }, p).ok).toBe(true);
    for (const s of ['ordered', 'submitted', 'rejected', null])
      expect(LAB_19_ACCEPTED.check({ rectificationState: s }, p).ok).toBe(false);
  });
});

describe('LAB-33 development on raw data needs rawAllowed on a classified line and an active lab', () => {
  it('raw line: active ok; rectifying or expired refused; unclassified refused; masked lines are not its business', () => {
    expect(LAB_33.check({ labState: 'active', rawAllowed: true, classified: true }, p).ok).toBe(true);
    expect(LAB_33.check({ labState: 'rectifying', rawAllowed: true, classified: true }, p)).toMatchObject({
      ok: false,
      code: 'LAB_RAW_NEEDS_ACTIVE',
    });
    expect(LAB_33.check({ labState: 'expired', rawAllowed: true, classified: true }, p).ok).toBe(false);
    expect(LAB_33.check({ labState: 'active', rawAllowed: true, classified: false }, p).ok).toBe(false);
    expect(LAB_33.check({ labState: 'rectifying', rawAllowed: false, classified: true }, p).ok).toBe(true);
  });
});

describe('LAB-34 new EgressRequests are blocked during an egress rectification', () => {
  it('rectifying with an open egress rectification: blocked; closed, or switched off by profile: not', () => {
    expect(LAB_34.check({ labState: 'rectifying', egressRectificationOpen: true }, p)).toMatchObject({
      ok: false,
      code: 'LAB_EGRESS_FROZEN',
    });
    expect(LAB_34.check({ labState: 'active', egressRectificationOpen: false }, p).ok).toBe(true);
    expect(LAB_34.check({ labState: 'rectifying', egressRectificationOpen: false }, p).ok).toBe(true);
    const off = withParam('lab.freezeEgressDuringRectification', false);
    expect(LAB_34.check({ labState: 'rectifying', egressRectificationOpen: true }, off).ok).toBe(true);
  });
});

describe('LAB-35 a lab EgressRequest: the initiator’s security officer, plus the authority for record lists or important fields', () => {
  const officer = { orgId: 'I', userId: 'u1', roles: ['security_officer'], actors: ['lab_initiator'] };
  const authority = { orgId: 'A', userId: 'u2', roles: ['reviewer'], actors: ['authority'] };
  const base = { initiatorOrgId: 'I', partnerOrgId: 'P', outputKind: 'aggregate_table', touchesImportant: false };
  it('an aggregate table needs the officer only; a plain initiator reviewer is not enough', () => {
    expect(LAB_35.check({ ...base, reviews: [officer] }, p).ok).toBe(true);
    expect(LAB_35.check({ ...base, reviews: [{ ...officer, roles: ['reviewer'] }] }, p)).toMatchObject({
      ok: false,
      code: 'LAB_EGRESS_NEEDS_OFFICER',
    });
    expect(LAB_35.check({ ...base, reviews: [authority] }, p).ok).toBe(false);
  });
  it('a record list or an important field needs the authority as second reviewer (unless switched off)', () => {
    expect(LAB_35.check({ ...base, outputKind: 'record_list', reviews: [officer] }, p)).toMatchObject({
      ok: false,
      code: 'LAB_EGRESS_NEEDS_AUTHORITY',
    });
    expect(LAB_35.check({ ...base, touchesImportant: true, reviews: [officer] }, p).ok).toBe(false);
    expect(LAB_35.check({ ...base, touchesImportant: true, reviews: [officer, authority] }, p).ok).toBe(true);
    const off = withParam('lab.egressSecondReviewer', false);
    expect(LAB_35.check({ ...base, outputKind: 'record_list', reviews: [officer] }, off).ok).toBe(true);
  });
  it('never the partner', () => {
    const partner = { orgId: 'P', userId: 'u3', roles: ['security_officer'], actors: ['lab_partner'] };
    expect(LAB_35.check({ ...base, reviews: [officer, partner] }, p)).toMatchObject({
      ok: false,
      code: 'LAB_EGRESS_REVIEWER_PARTNER',
    });
  });
});
