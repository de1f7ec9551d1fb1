import { describe, expect, it } from 'vitest';
import { chinaCalendar } from './calendar.js';
import { noticeYearData, parseHolidayNotice } from './notice.js';

const file = (rows: string[], meta = '# year: 2027\n# sourceDocNo: 国办发明电〔2026〕12号') =>
  `${meta}\ndate,kind,holidayName\n${rows.join('\n')}\n`;

describe('holiday notice file (CAL-05, WorkCalendar import format)', () => {
  it('parses holidays and 调休 working days; every other day follows the week', () => {
    const r = parseHolidayNotice(file(['2027-01-01,holiday,元旦', '2027-02-07,adjusted_workday,春节', '']));
    expect('notice' in r && r.notice).toMatchObject({ year: 2027, sourceDocNo: '国办发明电〔2026〕12号' });
    if (!('notice' in r)) throw new Error('rejected');
    expect(noticeYearData(r.notice)).toEqual({ holidays: ['2027-01-01'], workdays: ['2027-02-07'] });
    const cal = chinaCalendar().withYear(2027, noticeYearData(r.notice));
    expect(cal.isProvisional(2027)).toBe(false);
    expect(cal.isWorkingDay('2027-01-01')).toBe(false); // Friday, holiday
    expect(cal.isWorkingDay('2027-02-07')).toBe(true); // Sunday, 调休
    expect(chinaCalendar().isProvisional(2027)).toBe(true); // the old calendar is left as it was
  });
  it('"Bad input": a date both holiday and adjusted_workday rejects the whole file', () => {
    const r = parseHolidayNotice(file(['2027-02-06,holiday,春节', '2027-02-06,adjusted_workday,春节']));
    expect(r).toEqual({ problems: [{ line: 5, code: 'BOTH_KINDS', value: '2027-02-06' }] });
  });
  it('rejects a bad date, a date of another year, an unknown kind, a weekday 调休 and a missing header or source', () => {
    const r = parseHolidayNotice(
      file(['2027-02-30,holiday,x', '2026-12-31,holiday,x', '2027-03-01,off,x', '2027-03-03,adjusted_workday,x']),
    );
    expect('problems' in r && r.problems.map((p) => p.code)).toEqual(['DATE', 'YEAR', 'KIND', 'NOT_WEEKEND']);
    const noHeader = parseHolidayNotice('# year: 2027\n# sourceDocNo: x\n2027-01-01,holiday,元旦\n');
    expect('problems' in noHeader && noHeader.problems[0]!.code).toBe('HEADER');
    const noSource = parseHolidayNotice(file(['2027-01-01,holiday,元旦'], '# year: 2027'));
    expect('problems' in noSource && noSource.problems[0]!.code).toBe('META_MISSING');
  });
});
