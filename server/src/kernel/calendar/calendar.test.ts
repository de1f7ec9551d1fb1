import { describe, expect, it } from 'vitest';
import { chinaCalendar, endOfShanghaiDay, shanghaiDate, WorkingCalendar } from './calendar.js';

const cal = chinaCalendar();

describe('working-day calendar (statutory holidays and 调休)', () => {
  it('skips 国庆 2026 and counts the 调休 Saturday 2026-10-10 as a working day', () => {
    expect(cal.isWorkingDay('2026-10-01')).toBe(false);
    expect(cal.isWorkingDay('2026-10-07')).toBe(false);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休
    expect(cal.isWorkingDay('2026-10-11')).toBe(false); // Sunday
    // From Wed 2026-09-30: 10-08 (Thu), 10-09 (Fri), 10-10 (Sat 调休), 10-12 (Mon)
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cal.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(cal.addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
  });
  it('counts the 调休 Sunday 2026-09-20 before 中秋', () => {
    expect(cal.isWorkingDay('2026-09-20')).toBe(true);
    expect(cal.workingDaysBetween('2026-09-18', '2026-09-21')).toBe(2); // 09-20 (Sun 调休) and 09-21
  });
  it('workingDaysBetween is the inverse of addWorkingDays', () => {
    for (const n of [1, 5, 10, 20, 45])
      expect(cal.workingDaysBetween('2026-09-15', cal.addWorkingDays('2026-09-15', n))).toBe(n);
  });
  it('runs a year with no notice on a provisional weekends-only calendar', () => {
    expect(cal.isProvisional(2027)).toBe(true);
    expect(cal.isProvisional(2026)).toBe(false);
    expect(cal.isWorkingDay('2027-10-01')).toBe(true); // unknown holiday: provisional
    expect(cal.isWorkingDay('2027-10-02')).toBe(false); // Saturday
  });
  it('ends a clock at 23:59:59 Asia/Shanghai', () => {
    const due = cal.dueAt(new Date('2026-09-30T10:00:00+08:00'), 1);
    expect(due.toISOString()).toBe('2026-10-08T15:59:59.999Z');
    expect(shanghaiDate(new Date('2026-09-30T20:00:00Z'))).toBe('2026-10-01');
    expect(endOfShanghaiDay('2026-01-01').toISOString()).toBe('2026-01-01T15:59:59.999Z');
  });
  it('loads a new year without code changes', () => {
    const c = new WorkingCalendar({ years: { '2027': { holidays: ['2027-01-01'], workdays: ['2027-01-02'] } } });
    expect(c.isWorkingDay('2027-01-01')).toBe(false);
    expect(c.isWorkingDay('2027-01-02')).toBe(true);
    expect(c.isProvisional(2027)).toBe(false);
  });
});
