import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../../kernel/calendar/calendar.js';
import { loadProfile } from '../../kernel/profiles/index.js';
import { COMPLAINT_OUTCOME, recomputedDue, reminderToday, workingDaysBefore } from './rules-reporting.js';

const cal = chinaCalendar();
const OFFSETS = [10, 3, 1, 0];

describe('REP-04: reminders 10, 3 and 1 working days before dueAt and on the due day', () => {
  it('counts back across National Day 2026 (Sat 10-10 is a working day, 10-01…07 are not)', () => {
    // Due Tue 2026-10-20 (scenario 1): 10 working days before is Wed 09-30.
    expect(workingDaysBefore('2026-10-20', 10, cal)).toBe('2026-09-30');
    expect(workingDaysBefore('2026-10-20', 7, cal)).toBe('2026-10-10');
    expect(workingDaysBefore('2026-10-20', 3, cal)).toBe('2026-10-15');
    expect(workingDaysBefore('2026-10-20', 0, cal)).toBe('2026-10-20');
  });
  it('sends each reminder once, on its day, and only the latest when the clock missed days', () => {
    const f = (today: string, sent: { offset: number; day: string; sentAt: string }[] = []) =>
      reminderToday({ dueDay: '2026-10-20', today, overdue: false, sent }, OFFSETS, cal);
    expect(f('2026-09-29')).toBeNull();
    expect(f('2026-09-30')).toEqual({ offset: 10, day: '2026-09-30' });
    const ten = [{ offset: 10, day: '2026-09-30', sentAt: 'x' }];
    expect(f('2026-10-05', ten)).toBeNull(); // a holiday: nothing new
    expect(f('2026-10-15', ten)).toEqual({ offset: 3, day: '2026-10-15' });
    // Missed 10-15 and 10-19: on the due day only the due-day reminder goes.
    expect(f('2026-10-20', ten)).toEqual({ offset: 0, day: '2026-10-20' });
    expect(f('2026-10-20', [...ten, { offset: 0, day: '2026-10-20', sentAt: 'x' }])).toBeNull();
    expect(f('2026-10-21')).toBeNull(); // past due and not yet overdue: REP-05's clock decides
  });
  it('REP-05: once overdue, one reminder a day', () => {
    const sent = [{ offset: -1, day: '2026-07-22', sentAt: 'x' }];
    const f = (today: string) => reminderToday({ dueDay: '2026-07-21', today, overdue: true, sent }, OFFSETS, cal);
    expect(f('2026-07-22')).toBeNull();
    expect(f('2026-07-23')).toEqual({ offset: -1, day: '2026-07-23' });
  });
});

describe('CAL-05: a due date already announced never moves earlier', () => {
  it('keeps the announced date against an earlier recomputation and takes a later one', () => {
    const announced = new Date('2028-01-14T15:59:59.999Z');
    expect(recomputedDue(announced, new Date('2028-01-13T15:59:59.999Z'))).toBe(announced);
    const later = new Date('2028-01-18T15:59:59.999Z');
    expect(recomputedDue(announced, later)).toBe(later);
  });
});

describe('complaint channel: a case closes with a written outcome', () => {
  it('refuses an empty outcome', () => {
    expect(COMPLAINT_OUTCOME.check({ outcome: '  ' }, loadProfile('zhuhai')).ok).toBe(false);
    expect(COMPLAINT_OUTCOME.check({ outcome: '已转办并答复' }, loadProfile('zhuhai')).ok).toBe(true);
  });
});
