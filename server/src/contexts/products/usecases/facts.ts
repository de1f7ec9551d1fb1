import { getApplicationDetail } from '../../authorization/usecases/queries.js';
import { getGrantForUse, type GrantForUse } from '../../authorization/service.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import type { ProductCategory } from '../model.js';
import type { BoundService, GrantedField, InputResource, ProductFacts } from '../rules/product.js';
import { getServiceFor } from '../../sandbox/service.js';
import { getResourceForAuthorization } from '../../catalog/service.js';
import { todayOf } from './common.js';
import { labBasis } from './lab-basis.js';

/** What the products context reads of an approved scenario (authorization.md ScenarioApplication). */
export interface ScenarioFacts {
  id: string;
  state: string;
  purposeCategory: string;
  sourceUnitOrgIds: string[];
  agreementId: string | null;
}

/** PM category from the scenario's purposeCategory: governance/welfare are free, industry/sector are priced. */
export const categoryOf = (purposeCategory: string): ProductCategory =>
  purposeCategory === 'public_governance' || purposeCategory === 'public_welfare'
    ? 'public_governance_welfare'
    : 'industry';

/**
 * The scenario behind a grant, read through the authorization context's use case. It reads on its own
 * connection, so callers load it BEFORE opening their transaction (PGlite has one connection).
 */
export async function loadScenario(k: Kernel, id: string | null): Promise<ScenarioFacts | null> {
  if (!id) return null;
  try {
    const a = await getApplicationDetail(k, systemActor('products'), id);
    return {
      id,
      state: a.state,
      purposeCategory: String(a.purposeCategory),
      sourceUnitOrgIds: Array.isArray(a.sourceUnitOrgIds) ? a.sourceUnitOrgIds.map(String) : [],
      agreementId: a.agreementId ?? null,
    };
  } catch {
    return null; // unknown scenario: PM-01 refuses it
  }
}

export interface ProductInputFacts {
  grantIds: string[];
  fieldsUsed: string[];
  personalInfo: string;
  form: string;
  categoryTags: string[];
  hasDeclaration: boolean;
  serviceId?: string | null;
}

export interface LoadedProductFacts {
  facts: ProductFacts;
  grants: GrantForUse[];
  scenario: ScenarioFacts | null;
}

/** Grants, scenario and requested fields as PM-01…PM-04 and the checklist judge them. */
export async function loadProductFacts(
  k: Kernel,
  producerOrgId: string,
  p: ProductInputFacts,
): Promise<LoadedProductFacts> {
  const found = (await Promise.all(p.grantIds.map((id) => getGrantForUse(k.db, id)))).filter(
    (g): g is GrantForUse => !!g,
  );
  const today = todayOf(k);
  const scenario = await loadScenario(k, found[0]?.scenarioApplicationId ?? null);
  const grantedFields: GrantedField[] = found.flatMap((g) => g.resources.flatMap((r) => r.fields));
  const validTos = found.map((g) => g.validTo).sort();
  const inputResources = await inputResourcesOf(k, found, p.fieldsUsed);
  const facts: ProductFacts = {
    scenarioState: scenario?.state ?? null,
    scenarioApplicationId: scenario?.id ?? null,
    grantScenarioIds: found.map((g) => g.scenarioApplicationId ?? ''),
    grantsFound: found.length,
    grantsCited: p.grantIds.length,
    grantsNotHeld: found
      .filter((g) => g.operatorOrgId !== producerOrgId && !g.collaboratorOrgIds.includes(producerOrgId))
      .map((g) => g.grantNo),
    grantsInactive: found
      .filter((g) => g.state !== 'active' || today < g.validFrom || today > g.validTo)
      .map((g) => g.grantNo),
    requestedFields: p.fieldsUsed,
    grantedFields,
    personalInfo: p.personalInfo,
    form: p.form,
    categoryTags: p.categoryTags,
    hasDeclaration: p.hasDeclaration,
    today,
    grantValidTo: validTos[0] ?? null,
    inputResources,
    service: p.serviceId ? await boundService(k, p.serviceId, found) : null,
    lab: await labBasis(k.db, p.grantIds, today),
  };
  return { facts, grants: found, scenario };
}

/** PM-11: the grants' resources that hold a field the product uses, each as the catalog reports it now. */
async function inputResourcesOf(k: Kernel, grants: GrantForUse[], fieldsUsed: string[]): Promise<InputResource[]> {
  const used = new Set(fieldsUsed);
  const ids = new Set<string>();
  for (const g of grants)
    for (const r of g.resources)
      if (r.fields.some((f) => used.has(f.code) || used.has(f.nameZh))) ids.add(r.resourceId);
  const out: InputResource[] = [];
  for (const id of ids) {
    const r = await getResourceForAuthorization(k.db, id);
    out.push({
      id,
      nameZh: r?.nameZh ?? id,
      state: r?.state ?? null,
      coreFields: (r?.fields ?? []).filter((f) => f.grade === 'core').map((f) => f.nameZh),
    });
  }
  return out;
}

/** PM-02: the named data service as the sandbox reports it (read as the platform: a stranger's service is judged too). */
async function boundService(k: Kernel, id: string, grants: GrantForUse[]): Promise<BoundService> {
  const s = await getServiceFor(k, systemActor('products'), id).catch(() => null);
  return {
    id,
    grantId: s?.grantId ?? null,
    operatorOrgId: s?.operatorOrgId ?? null,
    productGrantIds: grants.map((g) => g.id),
    productOperatorOrgIds: grants.map((g) => g.operatorOrgId),
  };
}
