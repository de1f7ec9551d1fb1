import type { Todo } from '../workbench/todos';
import type { Agreement, ApplicationItem, LabItem } from './api';

export interface LabTodoSources {
  applications: ApplicationItem[];
  labs: LabItem[];
  /** Agreements of the shortlisted labs, by lab id. */
  agreements: Record<string, Agreement[]>;
}

const lab = (l: LabItem) => `${l.labNo} ${l.name}`;

/** An authority's to-do on one lab: its number and name, its initiator, the lab's page. */
const labTodo = (l: LabItem, prefix: string, kind: Todo['kind'], dueAt: Todo['dueAt'] = null): Todo => ({
  key: `${prefix}:${l.id}`,
  kind,
  title: lab(l),
  detail: l.initiator,
  dueAt,
  href: `/labs/${l.id}`,
});

/**
 * The authority's labs to-dos: applications to accept or decide, signed agreements to file before the shortlisted
 * lab lapses (lab.agreementFilingDays), labs whose partner change ran out of time (revocation to decide), filed
 * labs to certify.
 */
export function labAuthorityTodos(d: LabTodoSources): Todo[] {
  return [
    ...d.applications
      .filter((a) => a.state === 'submitted' || a.state === 'under_review')
      .map(
        (a): Todo => ({
          key: `labapp:${a.id}`,
          kind: 'reviewLabApplication',
          title: `${a.applicationNo} ${a.name}`,
          detail: a.initiator,
          dueAt: null,
          href: `/labs/applications/${a.id}`,
        }),
      ),
    ...d.labs
      .filter((l) => l.state === 'shortlisted' && (d.agreements[l.id] ?? []).some((g) => g.state === 'signed'))
      .map((l) => labTodo(l, 'labfile', 'fileLabAgreement', l.agreementDueOn)),
    // labs.md clocks: no new partner within lab.partnerChangeDays — the authority decides on revocation.
    ...d.labs
      .filter((l) => l.state === 'partner_change_pending' && l.revocationPromptedOn)
      .map((l) => labTodo(l, 'labrevoke', 'decideLabRevocation')),
    ...d.labs.filter((l) => l.state === 'agreement_filed').map((l) => labTodo(l, 'labcert', 'certifyLab')),
  ];
}

/**
 * The initiator's and partner's labs to-dos: applications to finish or correct, the agreement to draft and sign
 * before the filing deadline, the platform attestation certification needs (LAB-10).
 */
export function labPartyTodos(d: LabTodoSources): Todo[] {
  return [
    ...d.applications
      .filter((a) => a.state === 'draft' || a.state === 'returned')
      .map(
        (a): Todo => ({
          key: `labapp:${a.id}`,
          kind: a.state === 'returned' ? 'returnedLabApplication' : 'draftLabApplication',
          title: `${a.applicationNo} ${a.name}`,
          dueAt: null,
          href: `/labs/applications/${a.id}`,
        }),
      ),
    ...d.labs
      .filter(
        (l) =>
          l.state === 'shortlisted' &&
          l.abilities.includes('draft_agreement') &&
          !(d.agreements[l.id] ?? []).some((g) => g.state === 'signed' || g.state === 'filed'),
      )
      .map(
        (l): Todo => ({
          key: `labagr:${l.id}`,
          kind: 'signLabAgreement',
          title: lab(l),
          dueAt: l.agreementDueOn,
          href: `/labs/${l.id}`,
        }),
      ),
    ...d.labs
      .filter((l) => l.abilities.includes('attest') && !l.platformAttestation)
      .map(
        (l): Todo => ({
          key: `labattest:${l.id}`,
          kind: 'attestLab',
          title: lab(l),
          dueAt: l.state === 'shortlisted' ? l.agreementDueOn : null,
          href: `/labs/${l.id}`,
        }),
      ),
  ];
}
