import { AppError, notFound } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { assertAuthorized } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { openLabGrants, resumeLabGrants } from '../../authorization/service.js';
import { changeLifecycle } from '../lifecycle.js';
import { ChangeDiff, type SubmitChangeInput } from '../model.js';
import { changeKinds, changeTrack } from '../rules.js';
import * as store from '../store.js';
import { asStrings, json, mustRead, partiesSubject } from './common.js';
import { partnerChangeFacts, replacePartnerOnApproval, revocationFacts, revokeOnApproval } from './endings.js';
import { labSubject, lockLab } from './labs.js';

/**
 * LabChangeRequest (000:L54–56, LAB-21). The track is computed from the diff, never chosen: security requirements,
 * data scope, supply method, partner change and revocation go to the authority; anything else takes effect when
 * its supplementary agreement is filed. An approved data-scope change opens the new lines' Grants (LAB-13).
 */

const CHANGEABLE = ['active', 'rectifying', 'partner_change_pending'];
const changeSubject = (c: store.ChangeRow, lab: store.LabRow) =>
  partiesSubject('LabChangeRequest', { ...lab, id: c.id });

export async function submitChange(k: Kernel, actor: Actor, labId: string, input: SubmitChangeInput) {
  return k.db.transaction().execute(async (trx) => {
    const lab = await lockLab(trx, actor, labId);
    if (!CHANGEABLE.includes(lab.state)) throw new AppError(409, 'LAB_NOT_ACTIVE', { state: lab.state });
    const kinds = changeKinds(input.diff);
    const track = changeTrack(kinds);
    const id = uuidv7();
    const n = (await store.countChangesOfLab(trx, lab.id)) + 1;
    await transition(trx, k.workflow, {
      lifecycle: changeLifecycle,
      action: track === 'filing' ? 'file' : 'submit',
      actor,
      object: null,
      subject: partiesSubject('LabChangeRequest', { ...lab, id }),
      facts: { kinds, supplementaryAgreementFileId: input.supplementaryAgreementFileId ?? null },
      input,
      values: {
        id,
        request_no: `${lab.lab_no}-BG${String(n).padStart(2, '0')}`,
        lab_id: lab.id,
        kinds: json(kinds),
        claimed_kind: input.kind ?? null,
        track,
        diff: json(input.diff),
        reason: input.reason,
        supplementary_agreement_file_id: input.supplementaryAgreementFileId ?? null,
        new_partner_org_id: input.diff.newPartnerOrgId ?? null,
        jurisdiction_id: lab.jurisdiction_id,
        jurisdiction_path: json(lab.jurisdiction_path),
        created_by: actor.userId ?? null,
        // Filing track: effective the moment it is filed (000:L56).
        decided_at: track === 'filing' ? k.clock.now() : null,
      },
    });
    return (await store.getChange(trx, id))!;
  });
}

/** The authority decides an approval-track change; an approved scope addition opens its Grants (LAB-13). */
export async function decideChange(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { decision: 'approved' | 'rejected'; reason: string },
) {
  // A revocation names the partner on its Ban (LAB-24): identity is read before the transaction (PGlite).
  const peek = await store.getChange(k.db, id);
  const revocation = peek && ChangeDiff.parse(peek.diff).revocation ? await revocationFacts(k, peek.lab_id) : null;
  const newPartner = peek ? ChangeDiff.parse(peek.diff).newPartnerOrgId : undefined;
  const partnerChange = peek && newPartner ? await partnerChangeFacts(k, peek.lab_id, newPartner) : null;
  return k.db.transaction().execute(async (trx) => {
    const c = await store.getChange(trx, id, true);
    if (!c) throw notFound('LabChangeRequest', id);
    const lab = await lockLab(trx, actor, c.lab_id);
    // Who decides is settled before any Grant is opened (the transition below checks it again, with the state).
    assertAuthorized(actor, 'lab_change.decide', changeSubject(c, lab), k.clock.now(), k.profile);
    const diff = ChangeDiff.parse(c.diff);
    let grantIds: string[] = [];
    if (input.decision === 'approved' && diff.dataScopeAdd?.length && lab.current_agreement_id) {
      grantIds = await openLabGrants(trx, k, actor, {
        labId: lab.id,
        labNo: lab.lab_no,
        labName: lab.name,
        agreementId: lab.current_agreement_id,
        partnerOrgId: lab.partner_org_id,
        jurisdictionId: lab.jurisdiction_id,
        jurisdictionPath: asStrings(lab.jurisdiction_path),
        lines: diff.dataScopeAdd.map((l) => ({
          dataResourceId: l.dataResourceId,
          fieldIds: l.fieldIds,
          grade: l.classification.grade ?? 'general',
          rawAllowed: l.rawAllowed,
          validTo: l.validTo,
        })),
      });
      if (lab.state === 'active') await resumeLabGrants(trx, k, actor, grantIds);
    }
    await transition(trx, k.workflow, {
      lifecycle: changeLifecycle,
      action: input.decision === 'approved' ? 'approve' : 'reject',
      actor,
      object: c,
      subject: changeSubject(c, lab),
      input,
      values: {
        decision: json({ ...input, by: actor.userId ?? null, at: k.clock.now().toISOString() }),
        decided_at: k.clock.now(),
        grant_ids: json(grantIds),
      },
    });
    // LAB-24, LAB-30: an approved revocation ends the lab in the same transaction (usecases/endings.ts).
    if (input.decision === 'approved' && diff.revocation && revocation)
      await revokeOnApproval(trx, k, actor, lab.id, { id: c.id, no: c.request_no, reason: c.reason }, revocation);
    // Partner change: LAB-05 for the new partner, the old one's Ban (usecases/endings.ts).
    else if (input.decision === 'approved' && partnerChange)
      await replacePartnerOnApproval(
        trx,
        k,
        actor,
        lab.id,
        { id: c.id, no: c.request_no, reason: c.reason },
        partnerChange,
      );
    return (await store.getChange(trx, id))!;
  });
}

export async function listChanges(k: Kernel, actor: Actor, labId: string) {
  const lab = mustRead(await store.getLab(k.db, labId), actor, labSubject, 'Lab', labId);
  return store.listChangesOfLab(k.db, lab.id);
}
