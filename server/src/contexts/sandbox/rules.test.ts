import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import { SBX_02 } from './rules.js';

const profile = loadProfile('zhuhai');

describe('SBX-02 seats are named users of the holder org', () => {
  it('refuses a user outside the holder org with NOT_A_SEAT as 403, the status the use case answers (issue 13)', () => {
    const r = SBX_02.check({ userInHolderOrg: false, seatCount: 0, alreadySeated: false }, profile);
    expect(r).toMatchObject({ ok: false, code: 'NOT_A_SEAT', status: 403 });
  });
  it('refuses a new seat past sandbox.maxSeatsPerWorkspace (409 SEAT_LIMIT), but not a seat already held', () => {
    const max = profile.get<number>('sandbox.maxSeatsPerWorkspace');
    expect(SBX_02.check({ userInHolderOrg: true, seatCount: max, alreadySeated: false }, profile)).toMatchObject({
      ok: false,
      code: 'SEAT_LIMIT',
      status: 409,
    });
    expect(SBX_02.check({ userInHolderOrg: true, seatCount: max, alreadySeated: true }, profile)).toEqual({ ok: true });
    expect(SBX_02.check({ userInHolderOrg: true, seatCount: 0, alreadySeated: false }, profile)).toEqual({ ok: true });
  });
});
