import { z } from 'zod';

/** Part B views and inputs (decision 0079): the holiday calendar, complaints, report drafting and reminders. */

// ---- WorkCalendar (CAL-05) ----
export const CalendarImportInput = z.object({
  /** The notice file's text (format in kernel/calendar/notice.ts). */
  file: z.string().min(1).max(200_000),
});
export const CalendarDayView = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'adjusted_workday']),
  holidayName: z.string(),
});
export const RecomputedView = z.object({ reportId: z.string(), from: z.string(), to: z.string(), kept: z.boolean() });
export const CalendarVersionView = z.object({
  id: z.string(),
  importVersion: z.number().int(),
  state: z.string(),
  sourceDocNo: z.string(),
  fileSha256: z.string(),
  importedAt: z.string(),
  recomputed: z.array(RecomputedView),
});
export const CalendarYearView = z.object({
  year: z.number().int(),
  status: z.enum(['official', 'provisional']),
  importVersion: z.number().int().nullable(),
  sourceDocNo: z.string().nullable(),
  days: z.array(CalendarDayView),
  versions: z.array(CalendarVersionView),
});
export const YearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const CalendarAlertsView = z.object({
  provisionalYears: z.array(z.number().int()),
  provisionalClocks: z.array(z.object({ objectType: z.string(), id: z.string(), dueAt: z.string() })),
});
export const AddWorkingDaysQuery = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  n: z.coerce.number().int().min(0).max(366),
});
export const AddWorkingDaysView = z.object({
  date: z.string(),
  n: z.number().int(),
  result: z.string(),
  dueAt: z.string(),
  provisional: z.boolean(),
});

// ---- Complaints (投诉举报) ----
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
export const FileComplaintInput = z.object({
  kind: z.enum(['complaint', 'report']),
  /** Who or what it is about (an organization, a product, a service). */
  about: z.string().trim().min(2).max(200),
  aboutUscc: z.string().regex(USCC).optional(),
  content: z.string().trim().min(10).max(5000),
  /** A phone or e-mail to answer; required unless anonymous. */
  contact: z.string().trim().min(5).max(100).optional(),
  anonymous: z.boolean().default(false),
  /** The division code of the jurisdiction whose authority handles it (e.g. 440400). */
  divisionCode: z.string().regex(/^\d{6}$/),
});
export type FileComplaintInput = z.infer<typeof FileComplaintInput>;
export const ComplaintReceiptView = z.object({ caseNo: z.string(), state: z.string(), filedAt: z.string() });
export const ComplaintView = z.object({
  id: z.string(),
  caseNo: z.string(),
  state: z.string(),
  version: z.number().int(),
  kind: z.string(),
  about: z.string(),
  aboutUscc: z.string().nullable(),
  content: z.string(),
  contact: z.string().nullable(),
  anonymous: z.boolean(),
  outcome: z.string().nullable(),
  filedAt: z.string(),
});
export type ComplaintView = z.infer<typeof ComplaintView>;
export const HandleComplaintInput = z.object({
  action: z.enum(['accept', 'close']),
  outcome: z.string().optional(),
});

// ---- Report drafting (REP-02) and reminders (REP-04) ----
export const AutoDraftInput = z.object({ narrative: z.string().max(20_000).default('') });
export const ReminderView = z.object({ offset: z.number().int(), day: z.string(), sentAt: z.string() });
export const ReportExtrasView = z.object({
  id: z.string(),
  state: z.string(),
  draftedAt: z.string().nullable(),
  checkpoint: z.object({ log: z.string(), treeSize: z.number().int(), rootHash: z.string().nullable() }).nullable(),
  reminders: z.array(ReminderView),
});
export const RecomputeFigureView = z.object({
  key: z.string(),
  queryId: z.string(),
  checkpointSize: z.number().int(),
  drafted: z.number(),
  recomputed: z.number().nullable(),
  matches: z.boolean(),
});
export const RecomputeView = z.object({ reportId: z.string(), figures: z.array(RecomputeFigureView) });
