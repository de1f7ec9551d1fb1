/**
 * The official holiday notice as an importable file (supervision.md WorkCalendar, CAL-05).
 *
 * Format (UTF-8 text, one CSV table with `#` metadata lines; documented in docs/decisions/0079):
 *
 *   # year: 2027
 *   # sourceDocNo: 国办发明电〔2026〕12号
 *   date,kind,holidayName
 *   2027-01-01,holiday,元旦
 *   2027-02-07,adjusted_workday,春节
 *
 * `kind` is `holiday` (a statutory day off, bridged weekdays included) or `adjusted_workday` (调休上班, a
 * weekend day worked). Every other day follows the week (CAL-01). Blank lines are ignored. Any bad line rejects
 * the whole file: a half-imported calendar would move due dates on a guess.
 */
export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'adjusted_workday';
  holidayName: string;
}
export interface HolidayNotice {
  year: number;
  sourceDocNo: string;
  days: CalendarDay[];
}
export interface NoticeProblem {
  line: number;
  code: 'META_MISSING' | 'HEADER' | 'DATE' | 'YEAR' | 'KIND' | 'DUPLICATE' | 'BOTH_KINDS' | 'NOT_WEEKEND' | 'EMPTY';
  value: string;
}

const isDate = (d: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
const weekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());

/** Parses a notice file; returns the notice or every problem found (line numbers are 1-based). */
export function parseHolidayNotice(text: string): { notice: HolidayNotice } | { problems: NoticeProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const meta = new Map<string, string>();
  const problems: NoticeProblem[] = [];
  const rows: { line: number; cells: string[] }[] = [];
  let header = false;
  lines.forEach((raw, i) => {
    const l = raw.trim();
    if (!l) return;
    const m = /^#\s*(\w+)\s*:\s*(.+)$/.exec(l);
    if (m) meta.set(m[1]!, m[2]!.trim());
    else if (l.startsWith('#')) return;
    else if (!header) {
      header = true;
      if (l.replace(/\s/g, '') !== 'date,kind,holidayName') problems.push({ line: i + 1, code: 'HEADER', value: l });
    } else rows.push({ line: i + 1, cells: l.split(',').map((c) => c.trim()) });
  });
  const year = Number(meta.get('year'));
  const sourceDocNo = meta.get('sourceDocNo') ?? '';
  if (!Number.isInteger(year) || year < 2000 || !sourceDocNo)
    problems.push({ line: 1, code: 'META_MISSING', value: !sourceDocNo ? 'sourceDocNo' : 'year' });
  const days = rowsToDays(rows, year, problems);
  if (!days.length && !problems.length) problems.push({ line: 1, code: 'EMPTY', value: '' });
  return problems.length ? { problems } : { notice: { year, sourceDocNo, days } };
}

function rowsToDays(rows: { line: number; cells: string[] }[], year: number, problems: NoticeProblem[]) {
  const seen = new Map<string, CalendarDay['kind']>();
  const days: CalendarDay[] = [];
  for (const { line, cells } of rows) {
    const [date = '', kind = '', holidayName = ''] = cells;
    if (!isDate(date)) problems.push({ line, code: 'DATE', value: date });
    else if (Number(date.slice(0, 4)) !== year) problems.push({ line, code: 'YEAR', value: date });
    else if (kind !== 'holiday' && kind !== 'adjusted_workday') problems.push({ line, code: 'KIND', value: kind });
    else if (seen.has(date))
      // supervision.md "Bad input": a date in both holiday and adjusted_workday rejects the whole file.
      problems.push({ line, code: seen.get(date) === kind ? 'DUPLICATE' : 'BOTH_KINDS', value: date });
    else if (kind === 'adjusted_workday' && !weekend(date)) problems.push({ line, code: 'NOT_WEEKEND', value: date });
    else {
      seen.set(date, kind);
      days.push({ date, kind, holidayName });
    }
  }
  return days;
}

/** The notice's days in the calendar's own shape. */
export function noticeYearData(n: HolidayNotice) {
  return {
    holidays: n.days.filter((d) => d.kind === 'holiday').map((d) => d.date),
    workdays: n.days.filter((d) => d.kind === 'adjusted_workday').map((d) => d.date),
  };
}
