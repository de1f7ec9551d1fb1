import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import { openTestDatabase } from '../../kernel/db/testing.js';
import { oid } from '../../seed/identity.js';
import { CAT_07 } from '../catalog/rules/publish.js';
import { countTrainings } from './store.js';

// identity.md pointer rules: the rule lives elsewhere; these tests pin identity's reading of it.

describe("IAM-11 sub-catalogue approval: IAM-10's owning jurisdiction is the approver CAT-07 names", () => {
  const path = ['national', 'province', 'city', 'district'];
  it("same (default): only the district's own authority approves its catalogue", () => {
    const p = loadProfile('zhuhai');
    expect(CAT_07.check({ jurisdictionPath: path, actorAuthorityJurisdictions: ['district'] }, p).ok).toBe(true);
    expect(CAT_07.check({ jurisdictionPath: path, actorAuthorityJurisdictions: ['city'] }, p).ok).toBe(false);
  });
  it("parent (sichuan): the parent's authority approves, the district's own does not", () => {
    const p = loadProfile('sichuan');
    expect(CAT_07.check({ jurisdictionPath: path, actorAuthorityJurisdictions: ['city'] }, p).ok).toBe(true);
    expect(CAT_07.check({ jurisdictionPath: path, actorAuthorityJurisdictions: ['district'] }, p)).toMatchObject({
      ok: false,
      code: 'CATALOG_APPROVER_LEVEL',
    });
  });
});

describe('PER-04 identity stores the Training records LAB-15 counts', () => {
  it("counts an org's (and a lab's) trainings per calendar year", async () => {
    const database = await openTestDatabase('demo');
    try {
      const org = oid('zh-labpartner');
      const lab = '0190d4f0-0000-7000-8000-00000000aa01';
      const row = (id: string, heldOn: string, labId: string | null) =>
        database.db
          .insertInto('training')
          .values({
            id,
            org_id: org,
            lab_id: labId,
            title: '数据安全培训',
            kind: 'data_security',
            held_on: heldOn,
            hours: 2,
            attendee_user_ids: '[]',
          })
          .execute();
      // The demo already holds the demo lab's own training (seed/labs.ts): count on top of what is there.
      const before = async (year: number) => countTrainings(database.db, { orgId: org, year });
      const [b2026, b2027] = [await before(2026), await before(2027)];
      await row('0190d4f0-0000-7000-8000-00000000bb01', '2026-03-10', lab);
      await row('0190d4f0-0000-7000-8000-00000000bb02', '2026-12-31', null);
      await row('0190d4f0-0000-7000-8000-00000000bb03', '2027-01-01', lab);
      expect(await countTrainings(database.db, { orgId: org, year: 2026 })).toBe(b2026 + 2);
      expect(await countTrainings(database.db, { orgId: org, labId: lab, year: 2026 })).toBe(1);
      expect(await countTrainings(database.db, { orgId: org, year: 2027 })).toBe(b2027 + 1);
    } finally {
      await database.close();
    }
  });
});
