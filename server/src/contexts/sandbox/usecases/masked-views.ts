import { join } from 'node:path';
import type { Executor } from '../../../kernel/db/tables.js';
import { DuckDBInstance } from '@duckdb/node-api';
import { hmacSm3 } from '../../../kernel/crypto/sm3.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { getResourceForAuthorization } from '../../catalog/service.js';
import type { GrantForUse } from '../../authorization/service.js';
import { ql } from '../engine/instance.js';
import { buildMaskedParquet, type MountField } from '../masking/build.js';
import type { GrantKeys, MaskingRule } from '../masking/methods.js';
import type { GuardScope } from '../guard/index.js';
import type { ViewRecord, WorkspaceRow } from '../store.js';

const SUBJECT_KEY = /统一社会信用代码|身份证|公民身份号码|uscc|id_?number|id_?no/i;

/** The Grant's keys: the pseudonym key is per Grant and destroyable (SBX-14); the token key is the authority's. */
export function grantKeys(k: Kernel, ws: Pick<WorkspaceRow, 'key_enc' | 'grant_id'>): GrantKeys {
  if (!ws.key_enc) throw new Error('workspace keys destroyed');
  return {
    pseudonymKey: k.secrets.masterKeys.decrypt(ws.key_enc),
    tokenKey: hmacSm3(k.secrets.derivationKey, `sm4-token:${ws.grant_id}`).subarray(0, 16),
  };
}

// sandbox.md spells two methods out in full; the authorization context stores the short names.
const METHOD_ALIASES: Record<string, string> = { pseudonymize_hmac_sm3: 'hmac_pseudonym', tokenize_sm4: 'sm4_token' };

/** A field's rule: the Grant's choice, else the sandbox.md default for its grade. */
function ruleFor(
  grant: GrantForUse,
  f: { code: string; personalInfo: boolean; directIdentifier: boolean },
): MaskingRule {
  const chosen = grant.egressPolicy.masking?.[f.code] as MaskingRule | undefined;
  if (chosen) return { ...chosen, method: METHOD_ALIASES[chosen.method] ?? chosen.method };
  // Personal direct identifiers are pseudonymized; an organization's USCC is not personal data.
  if (f.directIdentifier && f.personalInfo) return { method: 'hmac_pseudonym' };
  return f.personalInfo ? { method: 'suppress' } : { method: 'none' };
}

async function parquetColumns(file: string): Promise<string[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  try {
    return (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${ql(file)})`))
      .getRows()
      .map((r) => String(r[0]));
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

/**
 * Builds one authorized view per granted resource (sandbox.md "Authorized view"): only granted
 * fields, each masked, into `<dataDir>/workspaces/<id>/views/`. Field → column by code or 中文名.
 */
export async function buildViews(
  k: Kernel,
  ws: Pick<WorkspaceRow, 'id' | 'key_enc' | 'grant_id'>,
  grant: GrantForUse,
  db: Executor = k.db,
): Promise<ViewRecord[]> {
  const keys = grantKeys(k, ws);
  const out: ViewRecord[] = [];
  for (const r of grant.resources) {
    const res = await getResourceForAuthorization(db, r.resourceId);
    const dataFile = r.dataFile ?? res?.dataFile ?? null;
    if (!dataFile) continue;
    const cols = new Set(await parquetColumns(dataFile));
    const src = (f: { code: string; nameZh: string }) =>
      cols.has(f.code) ? f.code : cols.has(f.nameZh) ? f.nameZh : null;
    const fields: MountField[] = [];
    const facts: ViewRecord['fields'] = [];
    for (const f of r.fields) {
      const s = src(f);
      const rule = ruleFor(grant, f);
      if (!s || rule.method === 'drop') continue;
      fields.push({ source: s, name: f.nameZh, rule });
      facts.push({
        name: f.nameZh,
        code: f.code,
        grade: f.grade,
        personalInfo: f.personalInfo,
        directIdentifier: f.directIdentifier,
        method: rule.method,
        visibility: f.visibility,
      });
    }
    const all = res?.fields ?? r.fields.map((f) => ({ ...f, id: f.code, sensitivePersonalInfo: false }));
    // The subject key counts people or enterprises (EGR-04 k). Without a USCC / ID number or direct identifier, a
    // personal-information field (a card number) stands for the person; with none, build.ts counts rows.
    const subject =
      all.find((f) => SUBJECT_KEY.test(f.nameZh) || SUBJECT_KEY.test(f.code)) ??
      all.find((f) => f.directIdentifier) ??
      all.find((f) => f.personalInfo);
    const granted = new Set(facts.map((f) => f.code));
    const file = join(k.dataDir, 'workspaces', ws.id, 'views', `${r.resourceId}.v${res?.dataVersion ?? 0}.parquet`);
    const built = await buildMaskedParquet({
      sourceFile: dataFile,
      outFile: file,
      fields,
      subjectSource: subject ? src(subject) : null,
      keys,
      dateShiftDays: k.profile.get<number>('sandbox.dateShiftDays'),
    });
    out.push({
      name: r.nameZh,
      resourceId: r.resourceId,
      snapshotVersion: res?.dataVersion ?? null,
      refreshedAt: k.clock.now().toISOString(),
      file,
      columns: built.columns,
      fields: facts,
      ungranted: all.filter((f) => !granted.has(f.code)).flatMap((f) => [f.nameZh, f.code]),
    });
  }
  return out;
}

/** What a statement in this Workspace may name (SBX-03, SBX-08). */
export function scopeOf(k: Kernel, views: ViewRecord[], results: { name: string; columns: string[] }[]): GuardScope {
  const objects = new Map<string, string[]>();
  for (const v of [...views, ...results]) objects.set(v.name.toLowerCase(), v.columns);
  const ungrantedFields = new Map<string, string>();
  for (const v of views) for (const u of v.ungranted) ungrantedFields.set(u.toLowerCase(), u);
  // A granted name always wins over an ungranted code that happens to match it.
  for (const v of views) for (const c of v.columns) ungrantedFields.delete(c.toLowerCase());
  // SBX-08: fields granted `aggregate_only` may appear only inside COUNT/SUM/AVG.
  const aggregateOnly = new Map<string, string>();
  for (const v of views)
    for (const f of v.fields) if (f.visibility === 'aggregate_only') aggregateOnly.set(f.name.toLowerCase(), f.name);
  return { objects, ungrantedFields, aggregateOnly, allowList: k.profile.get<string>('sandbox.functionAllowList') };
}
