/**
 * The one date format of the UI (issue 14 "Dates and times in three formats"): `YYYY-MM-DD HH:mm` and
 * `YYYY-MM-DD`, always in Asia/Shanghai whatever the browser's zone. Use these, never dayjs().format or
 * toLocaleString, for every date a user reads (tables, details, exports).
 */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

type DateInput = string | number | Date | null | undefined;

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A calendar day without a time (`2026-03-01`) is a date, not an instant: it is shown as is, never shifted. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function pieces(v: DateInput): { date: string; time: string } | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string' && DATE_ONLY.test(v)) return { date: v, time: '' };
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) return null;
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai; `empty` ('-') for a missing or unreadable value. A date-only string stays a date. */
export function formatDateTime(v: DateInput, empty = '-'): string {
  const p = pieces(v);
  if (!p) return empty;
  return p.time ? `${p.date} ${p.time}` : p.date;
}

/** `YYYY-MM-DD` in Asia/Shanghai (the calendar day of an instant there); `empty` ('-') when missing. */
export function formatDate(v: DateInput, empty = '-'): string {
  return pieces(v)?.date ?? empty;
}

/** Whole days from now until `v` (negative when past), by Asia/Shanghai calendar days; null when missing. */
export function daysUntil(v: DateInput, now: Date = new Date()): number | null {
  const target = formatDate(v, '');
  if (!target) return null;
  const today = formatDate(now);
  return Math.round((Date.parse(`${target}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
