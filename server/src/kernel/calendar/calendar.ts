import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * China working-day calendar (architecture §2): weekends off, statutory holidays off,
 * 调休 weekend days on. Dates are civil dates in Asia/Shanghai ('YYYY-MM-DD'). The
 * dataset is a JSON file, so a new year's notice is loaded without a code change;
 * SHUYUN_HOLIDAYS_FILE points at a newer copy.
 */
export interface HolidayData {
  years: Record<string, { holidays: string[]; workdays: string[] }>;
}

export const SHANGHAI_OFFSET_MS = 8 * 3600_000; // China has no DST

export class WorkingCalendar {
  private readonly off = new Set<string>();
  private readonly on = new Set<string>();
  private readonly loadedYears = new Set<number>();
  private readonly data: HolidayData;

  constructor(data: HolidayData) {
    this.data = data;
    for (const [y, d] of Object.entries(data.years)) {
      this.loadedYears.add(Number(y));
      d.holidays.forEach((x) => this.off.add(x));
      d.workdays.forEach((x) => this.on.add(x));
    }
  }

  /**
   * CAL-05: a new calendar with one year's official days replaced by an imported notice. The old instance is
   * left as it was, so a clock being computed while an import lands sees one calendar, never a mix.
   */
  withYear(year: number, days: { holidays: string[]; workdays: string[] }): WorkingCalendar {
    return new WorkingCalendar({ years: { ...this.data.years, [String(year)]: days } });
  }

  /** A year without a loaded notice runs weekends-only and callers should raise an alert. */
  isProvisional(year: number): boolean {
    return !this.loadedYears.has(year);
  }

  isWorkingDay(date: string): boolean {
    if (this.on.has(date)) return true;
    if (this.off.has(date)) return false;
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  /** The n-th working day after `date` (n ≥ 1); n = 0 returns date itself. */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
    let d = date;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days in (from, to]: the count a clock started on `from` has used by `to`. */
  workingDaysBetween(from: string, to: string): number {
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++;
    return count;
  }

  /** A clock of n working days started at `start` ends at 23:59:59.999 Asia/Shanghai. */
  dueAt(start: Date, workingDays: number): Date {
    return endOfShanghaiDay(this.addWorkingDays(shanghaiDate(start), workingDays));
  }
}

export function addDays(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`).getTime() + n * 86400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The same day N months later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const months = m - 1 + n;
  const year = y + Math.floor(months / 12);
  const month = (months % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The same month and day N years later; 29 Feb falls on 28 Feb in a common year. */
export const addYears = (date: string, n: number): string => addMonths(date, 12 * n);

/** The civil date in Asia/Shanghai of an instant. */
export function shanghaiDate(t: Date): string {
  return new Date(t.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function endOfShanghaiDay(date: string): Date {
  return new Date(new Date(`${date}T23:59:59.999Z`).getTime() - SHANGHAI_OFFSET_MS);
}

/** Calendar-day deadline: `date` + n days, ending 23:59:59 Asia/Shanghai. */
export function calendarDueAt(start: Date, days: number): Date {
  return endOfShanghaiDay(addDays(shanghaiDate(start), days));
}

let defaultCalendar: WorkingCalendar | undefined;

export function chinaCalendar(): WorkingCalendar {
  if (!defaultCalendar) {
    const file = process.env.SHUYUN_HOLIDAYS_FILE ?? join(dirname(fileURLToPath(import.meta.url)), 'holidays.json');
    defaultCalendar = new WorkingCalendar(JSON.parse(readFileSync(file, 'utf8')) as HolidayData);
  }
  return defaultCalendar;
}
