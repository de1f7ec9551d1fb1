import { sql } from 'kysely';
import type { Executor, Tx } from '../../../kernel/db/tables.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { definePermissions, type Subject } from '../../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../../kernel/workflow/lifecycle.js';
import { transition } from '../../../kernel/workflow/transition.js';

/**
 * identity.md Training (PER-04): an organization records the trainings it held; labs counts those with its `labId`
 * and kind `data_security` (labs.md LAB-15). A Training is recorded once through the workflow (its ledger entry is
 * the proof) and never edited; migration 0104 gave the table its state and version.
 */
definePermissions({
  'training.record': {
    kind: 'write',
    roles: ['org_admin', 'security_officer', 'compliance_officer', 'developer'],
    actors: ['any'],
    relationships: ['owner'],
  },
});

export const trainingLifecycle = defineLifecycle({
  objectType: 'Training',
  table: 'training',
  states: ['recorded'],
  transitions: { record: { from: [NEW], to: 'recorded', permission: 'training.record' } },
});

export type TrainingKind = 'data_security' | 'general';

export interface TrainingInput {
  orgId: string;
  labId: string | null;
  title: string;
  kind: TrainingKind;
  heldOn: string;
  hours: number;
  attendeeUserIds: string[];
  signInSheetRef: string | null;
}

export interface TrainingFact {
  id: string;
  orgId: string;
  labId: string | null;
  title: string;
  kind: string;
  heldOn: string;
  hours: number;
  attendeeCount: number;
  signInSheetRef: string | null;
}

/**
 * Records a Training of `input.orgId` inside the caller's transaction. `located` is where the record is supervised
 * (the lab's jurisdiction); the permission needs the actor's own org (owner).
 */
export async function recordTraining(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  input: TrainingInput,
  located: { jurisdictionId: string; jurisdictionPath: string[] },
): Promise<TrainingFact> {
  const id = uuidv7();
  const subject: Subject = { type: 'Training', id, ownerOrgId: input.orgId, ...located };
  await transition(trx, k.workflow, {
    lifecycle: trainingLifecycle,
    action: 'record',
    actor,
    object: null,
    subject,
    input,
    values: {
      id,
      org_id: input.orgId,
      lab_id: input.labId,
      title: input.title,
      kind: input.kind,
      held_on: input.heldOn,
      hours: input.hours,
      attendee_user_ids: JSON.stringify(input.attendeeUserIds),
      sign_in_sheet_ref: input.signInSheetRef,
      created_by: actor.userId ?? null,
    },
  });
  return { ...input, id, attendeeCount: input.attendeeUserIds.length };
}

type TrainingRow = {
  id: string;
  org_id: string;
  lab_id: string | null;
  title: string;
  kind: string;
  held_on: string;
  hours: string;
  n: number;
  sign_in_sheet_ref: string | null;
};

/** The trainings of one lab held in [from, to] (YYYY-MM-DD), oldest first; optionally of one kind. */
export async function labTrainings(
  db: Executor,
  labId: string,
  f: { from: string; to: string; kind?: TrainingKind },
): Promise<TrainingFact[]> {
  const r =
    await sql<TrainingRow>`SELECT id, org_id, lab_id, title, kind, held_on::text AS held_on, hours::text AS hours,
      jsonb_array_length(attendee_user_ids)::int AS n, sign_in_sheet_ref
    FROM training WHERE lab_id = ${labId}::uuid AND held_on >= ${f.from}::date AND held_on <= ${f.to}::date
      AND (${f.kind ?? null}::text IS NULL OR kind = ${f.kind ?? null}::text)
    ORDER BY held_on, created_at`.execute(db);
  return r.rows.map((x) => ({
    id: x.id,
    orgId: x.org_id,
    labId: x.lab_id,
    title: x.title,
    kind: x.kind,
    heldOn: x.held_on,
    hours: Number(x.hours),
    attendeeCount: x.n,
    signInSheetRef: x.sign_in_sheet_ref,
  }));
}
