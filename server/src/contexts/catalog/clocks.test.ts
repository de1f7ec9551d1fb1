import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../../kernel/calendar/calendar.js';
import { loadProfile } from '../../kernel/profiles/index.js';
import { holdPublicity, resumePublicity, startPublicity } from './clocks.js';

const cal = chinaCalendar();
const days = loadProfile('zhuhai').get<number>('registration.publicityDays');
const at = (s: string) => new Date(`${s}T10:00:00+08:00`);

describe('REG-05 publicity clock (catalog.md scenarios 6 and 7)', () => {
  it('scenario 6: posted Fri 2025-09-26, ends 2025-10-16 23:59:59 across the National Day holiday', () => {
    const c = startPublicity(cal, {}, at('2025-09-26'), days);
    expect(days).toBe(10);
    expect(c.publicityEnd).toBe(new Date('2025-10-16T23:59:59.999+08:00').toISOString());
  });
  it('scenario 7: objection accepted 2025-10-10 (5 WD used), dismissed 2025-10-15 → ends 2025-10-22', () => {
    const held = holdPublicity(cal, startPublicity(cal, {}, at('2025-09-26'), days), at('2025-10-10'), 'objection');
    expect(held.remainingDays).toBe(5);
    const resumed = resumePublicity(cal, held, at('2025-10-15'));
    expect(resumed.publicityEnd).toBe(new Date('2025-10-22T23:59:59.999+08:00').toISOString());
    expect(resumed.pauses).toEqual([
      {
        from: at('2025-10-10').toISOString(),
        to: at('2025-10-15').toISOString(),
        reason: 'objection',
        objectionId: undefined,
      },
    ]);
  });
});
