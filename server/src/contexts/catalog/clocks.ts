import { shanghaiDate, type WorkingCalendar } from '../../kernel/calendar/calendar.js';

/**
 * Registration publicity clock (REG-05, catalog.md "Deadlines and clocks"): pauses are
 * intervals, the pause day counts as used, counting resumes the next working day after
 * resumption. Pure: the calendar and the instants are passed in.
 */
export interface PublicityClock {
  publicityStart?: string;
  segmentStart?: string;
  segmentDays?: number;
  publicityEnd?: string;
  remainingDays?: number;
  pauses?: { from: string; to?: string; reason: string; objectionId?: string }[];
  [k: string]: unknown;
}

export function startPublicity(cal: WorkingCalendar, c: PublicityClock, now: Date, days: number): PublicityClock {
  return {
    ...c,
    publicityStart: now.toISOString(),
    segmentStart: now.toISOString(),
    segmentDays: days,
    publicityEnd: cal.dueAt(now, days).toISOString(),
  };
}

export function holdPublicity(
  cal: WorkingCalendar,
  c: PublicityClock,
  now: Date,
  reason: string,
  objectionId?: string,
): PublicityClock {
  const used = cal.workingDaysBetween(shanghaiDate(new Date(c.segmentStart!)), shanghaiDate(now));
  return {
    ...c,
    remainingDays: Math.max(0, (c.segmentDays ?? 0) - used),
    pauses: [...(c.pauses ?? []), { from: now.toISOString(), reason, objectionId }],
  };
}

export function resumePublicity(cal: WorkingCalendar, c: PublicityClock, now: Date): PublicityClock {
  const days = c.remainingDays ?? 0;
  return {
    ...closePauses(c, now),
    segmentStart: now.toISOString(),
    segmentDays: days,
    publicityEnd: cal.dueAt(now, days).toISOString(),
  };
}

export function closePauses(c: PublicityClock, now: Date): PublicityClock {
  return { ...c, pauses: (c.pauses ?? []).map((p) => (p.to ? p : { ...p, to: now.toISOString() })) };
}
