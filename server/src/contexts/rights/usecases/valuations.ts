import { z } from 'zod';
import type { Tx } from '../../../kernel/db/tables.js';
import { AppError, forbidden, notFound, ruleError } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import { runRules } from '../../../kernel/workflow/rules.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { valuationLifecycle } from '../lifecycle.js';
import { ValuationView, type PriceCheckInput, type ValuationInput } from '../model.js';
import {
  RA_33,
  validUntilOf,
  valuationRetentionYears,
  type Professional,
  type ValuationFacts,
} from '../rules/index.js';
import * as store from '../store.js';
import { today } from './common.js';

/** Valuations (评估): the evaluator's engagement, signatures and report; the SOE price check (RA-29, RA-31, RA-33). */

type Input = z.infer<typeof ValuationInput>;

export const valuationSubject = (v: store.ValuationRow): Subject => ({
  type: 'Valuation',
  id: v.id,
  ownerOrgId: v.evaluator_org_id,
  partyOrgIds: [v.client_org_id],
  createdBy: v.created_by,
});
const professionalsOf = (v: store.ValuationRow): Professional[] =>
  ValuationView.shape.professionals.parse(v.professionals);

export async function engageValuation(k: Kernel, actor: Actor, input: Input) {
  if (!actor.orgId) throw forbidden('FORBIDDEN', { reason: 'NO_ORG' });
  const id = uuidv7();
  return k.db.transaction().execute(async (trx) => {
    // The asset card must be the client's: an evaluator cannot attach a valuation to another holder's card.
    const asset = input.dataAssetId ? await store.getDataAsset(trx, input.dataAssetId) : null;
    if (input.dataAssetId && asset?.holder_org_id !== input.clientOrgId)
      throw new AppError(422, 'ASSET_NOT_CLIENTS', { dataAssetId: input.dataAssetId });
    await transition(trx, k.workflow, {
      lifecycle: valuationLifecycle,
      action: 'engage',
      actor,
      object: null,
      subject: { type: 'Valuation', id, ownerOrgId: actor.orgId, partyOrgIds: [input.clientOrgId] },
      input,
      values: {
        id,
        evaluator_org_id: actor.orgId,
        client_org_id: input.clientOrgId,
        client_is_soe: input.clientIsSoe,
        data_asset_id: input.dataAssetId ?? null,
        asset_name: input.assetName,
        stage: input.stage,
        purpose: input.purpose,
        base_date: input.baseDate,
        methods: JSON.stringify(input.methods),
        conclusion_fen: input.conclusionFen ?? null,
        conclusion_low_fen: input.conclusionRange?.lowFen ?? null,
        conclusion_high_fen: input.conclusionRange?.highFen ?? null,
        created_by: actor.userId ?? null,
      },
    });
    return mustGet(trx, id);
  });
}

async function mustGet(trx: Tx, id: string) {
  const v = await store.getValuation(trx, id);
  if (!v) throw notFound('Valuation', id);
  return v;
}

async function withValuation<T>(
  k: Kernel,
  actor: Actor,
  id: string,
  fn: (trx: Tx, v: store.ValuationRow) => Promise<T>,
) {
  return k.db.transaction().execute(async (trx) => {
    const v = await store.getValuation(trx, id, true);
    if (!v || !canRead(actor, valuationSubject(v))) throw notFound('Valuation', id);
    return fn(trx, v);
  });
}

const NEXT = {
  engaged: 'contract',
  contracted: 'plan',
  planned: 'start_fieldwork',
  reported: 'file',
  filed: 'archive',
} as const;

/** One procedure step forward; none is skipped (004:L30370–30376). */
export function advanceValuation(k: Kernel, actor: Actor, id: string) {
  return withValuation(k, actor, id, async (trx, v) => {
    const action = NEXT[v.state as keyof typeof NEXT];
    if (!action) throw new AppError(409, 'INVALID_TRANSITION', { from: v.state });
    await transition(trx, k.workflow, {
      lifecycle: valuationLifecycle,
      action,
      actor,
      object: v,
      subject: valuationSubject(v),
    });
    return mustGet(trx, id);
  });
}

/** A professional signs, attesting that no value was preset (RA-29). */
export function signValuation(k: Kernel, actor: Actor, id: string, name: string) {
  return withValuation(k, actor, id, async (trx, v) => {
    const list = [
      ...professionalsOf(v).filter((p) => p.name !== name),
      { name, signed: true, attestsNoPresetValue: true },
    ];
    await transition(trx, k.workflow, {
      lifecycle: valuationLifecycle,
      action: 'sign',
      actor,
      object: v,
      subject: valuationSubject(v),
      input: { name },
      values: { professionals: JSON.stringify(list) },
    });
    return mustGet(trx, id);
  });
}

/** The report: at least two signers, validUntil = baseDate + `val.validityMonths` (RA-29, RA-31). */
export function reportValuation(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { reconciliationNote?: string; approvalFiling?: string },
) {
  return withValuation(k, actor, id, async (trx, v) => {
    const validUntil = validUntilOf(v.base_date, k.profile);
    const facts: ValuationFacts = {
      professionals: professionalsOf(v),
      methods: ValuationView.shape.methods.parse(v.methods),
      reconciliationNote: input.reconciliationNote ?? null,
      baseDate: v.base_date,
      validUntil,
      clientIsGovernmentOrSoe: v.client_is_soe,
      approvalFiling: !!input.approvalFiling,
      today: today(k),
    };
    await transition(trx, k.workflow, {
      lifecycle: valuationLifecycle,
      action: 'report',
      actor,
      object: v,
      subject: valuationSubject(v),
      facts,
      // RA-32: the archive's retention goes on the report's event, read by the ledger's destruction review.
      input: {
        ...input,
        retentionYears: valuationRetentionYears({ clientIsGovernmentOrSoe: v.client_is_soe }, k.profile),
      },
      values: {
        valid_until: validUntil,
        reconciliation_note: input.reconciliationNote ?? null,
        approval_filing: input.approvalFiling ?? null,
      },
    });
    return mustGet(trx, id);
  });
}

/** RA-33: does this SOE price stand against the valuation? Refused with the rule's code; nothing changes. */
export async function checkSoePrice(k: Kernel, actor: Actor, id: string, input: z.infer<typeof PriceCheckInput>) {
  const v = await store.getValuation(k.db, id);
  if (!v || !canRead(actor, valuationSubject(v))) throw notFound('Valuation', id);
  const valid = ['reported', 'filed', 'archived'].includes(v.state) && !!v.valid_until && today(k) <= v.valid_until;
  const { failures } = runRules(
    [RA_33],
    {
      isSoe: v.client_is_soe,
      direction: input.direction,
      priceFen: input.priceFen,
      valuation: { amountFen: v.conclusion_fen, lowFen: v.conclusion_low_fen, highFen: v.conclusion_high_fen, valid },
      approvingUnitConsent: !!input.approvingUnitConsent,
    },
    k.profile,
  );
  if (failures.length) throw ruleError(failures, 409);
  return { ok: true as const };
}

/** A valuation, for whoever may read it (the evaluator, the client): 404 otherwise. */
export async function getValuation(k: Kernel, actor: Actor, id: string) {
  const v = await store.getValuation(k.db, id);
  if (!v || !canRead(actor, valuationSubject(v))) throw notFound('Valuation', id);
  return v;
}
