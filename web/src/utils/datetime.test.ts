import { describe, expect, test } from 'vitest';
import { daysUntil, formatDate, formatDateTime } from './datetime';

describe('the one date format (issue 14)', () => {
  test('an UTC instant is shown in Asia/Shanghai as YYYY-MM-DD HH:mm', () => {
    expect(formatDateTime('2026-03-01T16:30:00Z')).toBe('2026-03-02 00:30');
    expect(formatDateTime(new Date('2026-03-01T01:05:59.999Z'))).toBe('2026-03-01 09:05');
    expect(formatDate('2026-03-01T16:30:00Z')).toBe('2026-03-02');
  });
  test('a date-only value is a calendar day and is not shifted', () => {
    expect(formatDateTime('2026-12-31')).toBe('2026-12-31');
    expect(formatDate('2026-12-31')).toBe('2026-12-31');
  });
  test('missing or unreadable values show the placeholder', () => {
    expect(formatDateTime(null)).toBe('-');
    expect(formatDate(undefined, '')).toBe('');
    expect(formatDateTime('not a date')).toBe('-');
  });
  test('daysUntil counts Shanghai calendar days', () => {
    const now = new Date('2026-03-01T15:00:00Z'); // 23:00 in Shanghai
    expect(daysUntil('2026-03-02T00:30:00+08:00', now)).toBe(1);
    expect(daysUntil('2026-02-28', now)).toBe(-1);
    expect(daysUntil(null, now)).toBeNull();
  });
});
