import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { notFound } from '../../../kernel/http/errors.js';
import { appendEvent } from '../../../kernel/ledger/append.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { type Actor, actorRef } from '../../../kernel/workflow/actor.js';
import { assertAuthorized, canRead } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { deliveryLifecycle, orderLifecycle } from '../lifecycle.js';
import type { DeliveryInput, UsageInput, UsageRecordView } from '../model-market.js';
import { presentDelivery } from '../present-market.js';
import { usageOutcome } from '../rules/metering.js';
import * as market from '../store/market.js';
import * as products from '../store/products.js';
import { strings } from './common.js';
import { contractSubject, orderSubject } from './orders.js';

// Delivery (PM-22, PM-23) and metering (PM-24): each delivery is scoped to its contract, quota and period.

const day = (d: Date | string) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/**
 * The operator provisions delivery under a contract: refused before the contract is filed on the platform
 * (CONTRACT_NOT_FILED, PM-22), in a mode the product does not allow, or a file without approved egress (PM-23).
 * `egressApproved` is read by the caller through the sandbox's published API before the transaction opens.
 */
export async function provisionDelivery(k: Kernel, actor: Actor, input: DeliveryInput, egressApproved: boolean) {
  return k.db.transaction().execute(async (trx) => {
    const c = await market.getContract(trx, input.contractId, true);
    if (!c || !canRead(actor, contractSubject(c))) throw notFound('Contract', input.contractId);
    const p = (await products.getProduct(trx, c.product_id))!;
    const id = randomUUID();
    await transition(trx, k.workflow, {
      lifecycle: deliveryLifecycle,
      action: 'provision',
      actor,
      object: null,
      subject: { ...contractSubject(c), type: 'Delivery', id },
      facts: {
        contractState: c.state,
        filedWith: c.filed_with,
        sm3: c.sm3,
        mode: input.mode,
        productModes: strings(p.delivery_modes),
        egressApproved,
        workspaceId: input.workspaceId,
      },
      input,
      values: {
        id,
        contract_id: c.id,
        mode: input.mode,
        api_key_id: input.apiKeyId,
        egress_request_id: input.egressRequestId,
        workspace_id: input.workspaceId,
        model_endpoint: input.modelEndpoint,
        quota: c.quota_per_month,
        valid_from: day(c.term_from),
        valid_to: day(c.term_to),
      },
    });
    const o = await market.getOrder(trx, c.order_id, true);
    if (o?.state === 'contracted')
      await transition(trx, k.workflow, {
        lifecycle: orderLifecycle,
        action: 'deliver',
        actor,
        object: o,
        subject: { ...orderSubject(o), ownerOrgId: c.operator_org_id, partyOrgIds: [o.buyer_org_id] },
      });
    return presentDelivery((await market.getDelivery(trx, id))!);
  });
}

export async function listDeliveries(k: Kernel, actor: Actor, contractId: string) {
  const c = await market.getContract(k.db, contractId);
  if (!c || !canRead(actor, contractSubject(c))) throw notFound('Contract', contractId);
  return { items: (await market.deliveriesOf(k.db, contractId)).map(presentDelivery) };
}

/**
 * PM-24: a meter posts one use. The record carries its outcome (billable, free, rejected past the quota or the
 * period) and is never edited; a retried post with the same idempotency key answers the first record unchanged,
 * so it is never billed twice. A record whose day falls in a period already settled is billed as an adjustment
 * line of the next settlement (settlement.ts), never by changing the closed bill.
 */
export async function meterUsage(k: Kernel, actor: Actor, input: UsageInput): Promise<UsageRecordView> {
  return k.db.transaction().execute(async (trx) => {
    const d = await market.getDelivery(trx, input.deliveryId);
    const c = d ? await market.getContract(trx, d.contract_id, true) : undefined; // the lock serializes quota counts
    if (!d || !c || !canRead(actor, contractSubject(c))) throw notFound('Delivery', input.deliveryId);
    // PM-24: only the contract's operator or a platform meter records use; refused before the rest of the body counts.
    assertAuthorized(actor, 'usage.meter', contractSubject(c), k.clock.now(), k.profile);
    const at = new Date(input.occurredAt);
    const today = shanghaiDate(Number.isNaN(at.getTime()) ? k.clock.now() : at);
    const month = today.slice(0, 7);
    const used = await market.usedInMonth(trx, c.id, `${month}-01`, today);
    const outcome =
      d.state !== 'active'
        ? 'rejected_expired'
        : usageOutcome({
            day: today,
            validFrom: day(d.valid_from),
            validTo: day(d.valid_to),
            used: used + input.quantity - 1,
            quota: Number(d.quota),
            freeBasis: c.free_basis,
          });
    const { row, duplicate } = await market.recordUsage(trx, {
      id: randomUUID(),
      contract_id: c.id,
      order_id: c.order_id,
      delivery_id: d.id,
      unit: c.unit,
      quantity: input.quantity,
      meter: input.meter,
      idempotency_key: input.idempotencyKey,
      outcome,
      buyer_org_id: c.buyer_org_id,
      shanghai_day: today,
      occurred_at: Number.isNaN(at.getTime()) ? k.clock.now() : at,
    });
    // The record is a ledger event of the audit log (never edited), so a bill can name the checkpoint holding it.
    if (!duplicate)
      await appendEvent(trx, k.workflow.ledger, {
        log: 'audit',
        objectType: 'UsageRecord',
        objectId: row.id,
        objectVersion: 1,
        eventType: 'UsageRecord.recorded',
        action: 'meter',
        fromState: null,
        toState: outcome,
        actor: actorRef(actor),
        jurisdictionId: c.jurisdiction_id,
        retentionClass: 'trading',
        // `after` is what ledger audit compares gateway-metered rows with (LED-11, the gateway's attested table).
        payload: {
          after: { templateId: null, contractId: c.id, inputHmac: null, outcome },
          idempotencyKey: row.idempotency_key,
          quantity: row.quantity,
        },
      });
    return {
      id: row.id,
      contractId: row.contract_id,
      deliveryId: row.delivery_id,
      idempotencyKey: row.idempotency_key,
      quantity: row.quantity,
      outcome: row.outcome as UsageRecordView['outcome'], // written above from usageOutcome's union
      day: day(row.shanghai_day),
      duplicate,
    };
  });
}
