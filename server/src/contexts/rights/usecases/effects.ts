import type { Tx } from '../../../kernel/db/tables.js';
import { AppError } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Profile } from '../../../kernel/profiles/index.js';
import type { ObjectInfo, RegType } from '../model.js';
import { renewedValidTo, validityOf } from '../rules/index.js';
import * as store from '../store.js';
import { changeCertificateStatus, issueCertificate, noteOnCertificate } from './certificates.js';
import { today } from './common.js';
import { orgInfo, type OrgInfo } from './orgs.js';

/** The organizations a registration's certificate names, read before the transaction opens. */
export interface Parties {
  holder: OrgInfo;
  registry: OrgInfo;
  counterparty: OrgInfo | null;
}

export async function partiesOf(k: Kernel, r: store.RegistrationRow): Promise<Parties> {
  return {
    holder: await orgInfo(k, r.holder_org_id),
    registry: await orgInfo(k, r.registry_org_id),
    counterparty: r.counterparty_org_id ? await orgInfo(k, r.counterparty_org_id) : null,
  };
}

const SUPERSEDING: readonly RegType[] = ['transfer', 'change', 'supplement', 'trade'];
const ENCUMBERING: readonly RegType[] = ['pledge', 'license', 'trust'];

/**
 * What a registration does once registered (rights-assets.md lifecycle, last rows):
 * a first registration gets its certificate (RA-21, RA-22); a transfer, change or renewal
 * supersedes the unit's certificate with a new one (RA-18); a pledge or licence goes on the
 * encumbrance page (RA-11); a cancellation or revocation ends it (RA-16, RA-17).
 */
export async function onRegistered(trx: Tx, k: Kernel, p: Profile, reg: store.RegistrationRow, parties: Parties) {
  const type = reg.reg_type as RegType;
  const day = today(k);
  if (type === 'first') {
    const info = reg.object_info as ObjectInfo; // written by us through ObjectInfo
    return issueCertificate(trx, k, p, {
      registration: reg,
      unitId: reg.id,
      kind: 'registration',
      holder: parties.holder,
      registry: parties.registry,
      validFrom: day,
      validTo: validityOf(day, p, info.agreementEnd),
      supersedes: null,
    });
  }
  const unitId = reg.base_registration_id;
  const current = unitId ? await store.currentCertificateOf(trx, unitId, true) : undefined;
  if (!unitId || !current) throw new AppError(409, 'BASE_REGISTRATION_REQUIRED', { regType: type });
  if (SUPERSEDING.includes(type) || type === 'renewal') {
    const next = await issueCertificate(trx, k, p, {
      registration: reg,
      unitId,
      kind: type === 'trade' ? 'transaction' : 'registration',
      holder: parties.holder,
      registry: parties.registry,
      validFrom: type === 'renewal' ? current.valid_from : day,
      validTo: type === 'renewal' ? renewedValidTo(current.valid_to, p) : current.valid_to,
      supersedes: current,
    });
    await changeCertificateStatus(trx, k, current, 'superseded', { reason: type, profile: p, supersededBy: next.id });
    return next;
  }
  if (ENCUMBERING.includes(type)) {
    const party = parties.counterparty?.name ?? '';
    await noteOnCertificate(trx, k, current, 'encumbrance_added', { type, party, date: day, regId: reg.id });
    return current;
  }
  if (type === 'cancellation')
    await changeCertificateStatus(trx, k, current, 'cancelled', { reason: 'RA-16', profile: p });
  if (type === 'revocation')
    await changeCertificateStatus(trx, k, current, 'revoked', {
      reason: 'RA-17',
      ground: 'court_decision',
      profile: p,
    });
  return current;
}
