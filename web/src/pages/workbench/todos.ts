import { daysUntil } from '../../utils/datetime';
import type {
  ApplicationRow,
  CatalogTaskRow,
  ChangeRequestRow,
  ConsentRow,
  EgressRow,
  GrantRow,
  RegistrationRow,
  ResourceRow,
} from './api';

/** What kind of work waits; each has a label `workbench.todo.kind.<kind>`. */
export type TodoKind =
  | 'reviewApplication'
  | 'acceptRegistration'
  | 'reviewEgress'
  | 'expiringGrant'
  | 'publishResource'
  | 'giveConsent'
  | 'confirmGrading'
  | 'consentChange'
  | 'catalogTask'
  | 'returnedApplication'
  | 'draftApplication'
  | 'filePlan'
  | 'returnedEgress'
  // labs (pages/labs/todos.ts)
  | 'reviewLabApplication'
  | 'fileLabAgreement'
  | 'certifyLab'
  | 'decideLabRevocation'
  | 'draftLabApplication'
  | 'returnedLabApplication'
  | 'signLabAgreement'
  | 'attestLab';

/** One thing waiting for this person, with the clock running on it (dueAt) and where to do it (href). */
export interface Todo {
  key: string;
  kind: TodoKind;
  title: string /** i18n key shown when there is no title */;
  titleKey?: string;
  detail?: string;
  dueAt: string | null;
  href: string;
}

/** Catalog task kinds with a label (workbench.task.*); others read as 目录任务. */
const TASK_KINDS = ['rectification', 'class_review', 'reminder', 'change_filing', 'cancellation_followup'];

/** A Grant "about to expire" ends within this many days (AUTH-27 renewal window is 60 days before the end; we warn at 90). */
export const EXPIRY_WARNING_DAYS = 90;

export function authorityTodos(
  d: {
    submitted: ApplicationRow[];
    underReview: ApplicationRow[];
    registrations: RegistrationRow[];
    egress: EgressRow[];
    grants: GrantRow[];
    classified: ResourceRow[];
  },
  now = new Date(),
): Todo[] {
  return [
    ...[...d.submitted, ...d.underReview].map(
      (a): Todo => ({
        key: `app:${a.id}`,
        kind: 'reviewApplication',
        title: `${a.applicationNo} ${a.scenario.title}`,
        detail: a.applicantName ?? undefined,
        dueAt: a.reviewDueAt,
        href: `/authorization/applications/${a.id}`,
      }),
    ),
    ...d.registrations.map(
      (r): Todo => ({
        key: `reg:${r.id}`,
        kind: 'acceptRegistration',
        title: r.resourceName ?? '',
        dueAt: r.clocks?.acceptDue ?? null,
        href: '/catalog/registrations',
      }),
    ),
    ...egressReviewTodos(d.egress),
    ...expiringGrants(d.grants, now).map(
      (g): Todo => ({
        key: `grant:${g.id}`,
        kind: 'expiringGrant',
        title: `${g.grantNo} ${g.purpose.scenario?.title ?? ''}`,
        detail: g.holderName ?? undefined,
        dueAt: g.validTo,
        href: `/authorization/grants/${g.id}`,
      }),
    ),
    ...d.classified.map(
      (r): Todo => ({
        key: `res:${r.id}`,
        kind: 'publishResource',
        title: r.nameZh,
        dueAt: null,
        href: `/catalog/resources/${r.id}`,
      }),
    ),
  ];
}

/** EgressRequests waiting for this reviewer (the authority's, or a lab initiator officer's first review, LAB-35). */
export function egressReviewTodos(egress: EgressRow[]): Todo[] {
  return egress.map(
    (e): Todo => ({
      key: `egr:${e.id}`,
      kind: 'reviewEgress',
      // The declared use is a code: shown through its label, never as the raw value.
      title: '',
      titleKey: `sandbox.egress.use.${e.declaredUse}`,
      dueAt: e.reviewDueAt,
      href: `/sandbox/egress/${e.id}`,
    }),
  );
}

export function expiringGrants(grants: GrantRow[], now = new Date()): GrantRow[] {
  return grants.filter(
    (g) =>
      ['active', 'expiring'].includes(g.state) &&
      (g.state === 'expiring' || (daysUntil(g.validTo, now) ?? Infinity) <= EXPIRY_WARNING_DAYS),
  );
}

/** The source unit: consents it has not given yet, and its own resources whose grading waits for confirmation (CLS-01). */
export function sourceUnitTodos(
  d: { consents: ConsentRow[]; drafts: ResourceRow[]; changeRequests?: ChangeRequestRow[]; tasks?: CatalogTaskRow[] },
  orgId: string,
): Todo[] {
  return [
    ...(d.changeRequests ?? [])
      .filter((c) => c.state === 'pending_consent')
      .map(
        (c): Todo => ({
          key: `cr:${c.id}`,
          kind: 'consentChange',
          title: c.resource_name ?? '',
          dueAt: null,
          href: c.target_resource_id ? `/catalog/resources/${c.target_resource_id}` : '/catalog',
        }),
      ),
    ...(d.tasks ?? [])
      .filter((x) => x.state === 'open')
      .map(
        (x): Todo => ({
          key: `task:${x.id}`,
          kind: 'catalogTask',
          title: '',
          titleKey: `workbench.task.${TASK_KINDS.includes(x.kind) ? x.kind : 'other'}`,
          detail: x.ruleId ?? undefined,
          dueAt: x.dueAt,
          href: x.resourceId ? `/catalog/resources/${x.resourceId}` : '/catalog',
        }),
      ),
    ...d.consents
      .filter((c) => c.state === 'requested')
      .map(
        (c): Todo => ({
          key: `consent:${c.id}`,
          kind: 'giveConsent',
          title: [c.applicationNo, c.scenarioTitle].filter(Boolean).join(' '),
          dueAt: c.dueAt,
          href: `/authorization/applications/${c.applicationId}`,
        }),
      ),
    ...d.drafts
      .filter((r) => r.sourceUnitId === orgId)
      .map(
        (r): Todo => ({
          key: `grade:${r.id}`,
          kind: 'confirmGrading',
          title: r.nameZh,
          dueAt: null,
          href: `/catalog/resources/${r.id}`,
        }),
      ),
  ];
}

/** The operator: returned or unfinished applications, Grants waiting for an emergency plan, returned egress requests. */
export function operatorTodos(d: { applications: ApplicationRow[]; grants: GrantRow[]; egress: EgressRow[] }): Todo[] {
  return [
    ...d.applications
      .filter((a) => a.state === 'returned')
      .map(
        (a): Todo => ({
          key: `app:${a.id}`,
          kind: 'returnedApplication',
          title: `${a.applicationNo} ${a.scenario.title}`,
          dueAt: null,
          href: `/authorization/applications/${a.id}`,
        }),
      ),
    ...d.applications
      .filter((a) => a.state === 'draft')
      .map(
        (a): Todo => ({
          key: `draft:${a.id}`,
          kind: 'draftApplication',
          title: `${a.applicationNo} ${a.scenario.title}`,
          dueAt: null,
          href: `/authorization/applications/${a.id}`,
        }),
      ),
    ...d.grants
      .filter((g) => g.state === 'pending_plan')
      .map(
        (g): Todo => ({
          key: `plan:${g.id}`,
          kind: 'filePlan',
          title: `${g.grantNo} ${g.purpose.scenario?.title ?? ''}`,
          dueAt: g.planDueAt,
          href: `/authorization/grants/${g.id}`,
        }),
      ),
    ...d.egress.map(
      (e): Todo => ({
        key: `egr:${e.id}`,
        kind: 'returnedEgress',
        // The declared use is a code: shown through its label, never as the raw value.
        title: '',
        titleKey: `sandbox.egress.use.${e.declaredUse}`,
        dueAt: null,
        href: `/sandbox/egress/${e.id}`,
      }),
    ),
  ];
}

/** Soonest clock first; items without a clock last, in their given order. */
export function byClock(todos: Todo[]): Todo[] {
  return todos
    .map((t, i) => ({ t, i }))
    .sort((a, b) => {
      const da = a.t.dueAt ? Date.parse(a.t.dueAt) : Infinity;
      const db = b.t.dueAt ? Date.parse(b.t.dueAt) : Infinity;
      return da === db ? a.i - b.i : da - db;
    })
    .map((x) => x.t);
}

export type ClockLevel = 'overdue' | 'soon' | 'ok' | 'none';
/** overdue: past; soon: within 3 days; ok: later; none: no clock. */
export function clockLevel(dueAt: string | null, now = new Date()): { level: ClockLevel; days: number | null } {
  const days = daysUntil(dueAt, now);
  if (days === null) return { level: 'none', days };
  return { level: days < 0 ? 'overdue' : days <= 3 ? 'soon' : 'ok', days };
}
