import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../../kernel/crypto/jcs.js';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import { importObject } from '../../../kernel/workflow/transition.js';
import { jid, oid } from '../../../seed/identity.js';
import { seedAuthorization } from '../../../seed/authorization.js';
import { DEMO_GRANTS, seedSandbox } from '../../../seed/sandbox.js';
import { getGrantForUse } from '../../authorization/service.js';
import { ENGINE_VERSION, type MountedView } from '../engine/instance.js';
import { templateSql } from '../data-services/templates.js';
import { egressLifecycle, jobLifecycle, serviceLifecycle, workspaceLifecycle } from '../lifecycle.js';
import type { ServiceSpec } from '../model.js';
import { buildMaskedParquet, type MountField } from '../masking/build.js';
import type { GrantKeys } from '../masking/methods.js';
import {
  type EgressRow,
  getEgress,
  getJob,
  getWorkspace,
  getService,
  type JobRow,
  type Seat,
  type ServiceRow,
  type WorkspaceRow,
} from '../store.js';
import { limitsFrom } from '../usecases/workspaces.js';
import { writeEnterpriseParquet } from './enterprise-data.js';

// Test factories of the sandbox (issue 13): a masked view built from deterministic enterprise data
// (enterprise-data.ts, which benches and e2e import alone), and the demo Workspaces on the demo Grants,
// whose parents the owning contexts' builders make.
export * from './enterprise-data.js';

export const TEST_KEYS: GrantKeys = { pseudonymKey: Buffer.alloc(32, 7), tokenKey: Buffer.alloc(16, 9) };

/** The granted fields of the test Grant on 企业登记信息 (法定代表人 and 登记机关 not granted). */
export const TEST_FIELDS: MountField[] = [
  { source: '统一社会信用代码', name: '统一社会信用代码', rule: { method: 'none' } },
  { source: '企业名称', name: '企业名称', rule: { method: 'none' } },
  { source: '法定代表人身份证号', name: '法定代表人身份证号', rule: { method: 'hmac_pseudonym' } },
  { source: '注册资本', name: '注册资本', rule: { method: 'round', params: { unit: 1000000 } } },
  { source: '成立日期', name: '成立日期', rule: { method: 'generalize', params: { level: 'month' } } },
  { source: '所属区', name: '所属区', rule: { method: 'none' } },
];

/** What a masked fixture may change: the granted fields and their masking, the keys, the date shift. */
export interface MaskedFixtureOverrides {
  fields?: MountField[];
  keys?: GrantKeys;
  dateShiftDays?: number;
}

/** A temp dir with a raw fixture of n rows and its masked view file (the shape a Workspace mounts). */
export async function maskedFixture(
  n = 2000,
  o: MaskedFixtureOverrides = {},
): Promise<{ dir: string; raw: string; view: MountedView }> {
  const dir = await mkdtemp(join(tmpdir(), 'sbx-'));
  const raw = join(dir, 'raw', 'enterprise.parquet');
  await writeEnterpriseParquet(raw, n);
  const file = join(dir, 'views', 'enterprise.masked.parquet');
  const b = await buildMaskedParquet({
    sourceFile: raw,
    outFile: file,
    fields: o.fields ?? TEST_FIELDS,
    subjectSource: '统一社会信用代码',
    keys: o.keys ?? TEST_KEYS,
    dateShiftDays: o.dateShiftDays ?? 30,
  });
  return { dir, raw, view: { name: '企业登记信息', file, columns: b.columns } };
}

/**
 * Makes sure the demo 核验 Grant and the sandbox demo data exist in a test database. A missing Grant
 * is made by the authorization context's own builder (its demo seed, through its lifecycles), never
 * by writing into its tables from here; the sandbox seed then mounts the demo Workspaces.
 */
export async function ensureSandboxDemo(k: Kernel): Promise<void> {
  if (!(await getGrantForUse(k.db, DEMO_GRANTS.verify))) {
    await k.db.transaction().execute((trx) => seedAuthorization(trx, k));
    if (!(await getGrantForUse(k.db, DEMO_GRANTS.verify)))
      throw new Error('demo Grant missing: the catalog demo resource 企业登记信息 was not seeded');
  }
  await k.db.transaction().execute((trx) => seedSandbox(trx, k));
}

let serial = 0;
const testSql = () => `SELECT ${++serial} AS n`;

/** The chain of jurisdiction ids from the nation down to a demo division (seed/identity.ts). */
const PATHS: Record<string, string[]> = {
  '440400': ['000000', '440000', '440400'].map(jid),
  '440303': ['000000', '440000', '440300', '440303'].map(jid),
};

/** What a built Workspace may change: its state, holder, jurisdiction, Grant and seats. */
export interface WorkspaceOverrides {
  state?: (typeof workspaceLifecycle.states)[number];
  holderOrgId?: string;
  division?: keyof typeof PATHS;
  grantId?: string;
  seats?: Seat[];
}

/**
 * A Workspace in any state, imported through the sandbox's own lifecycle (an `imported` event, as the demo
 * seed does): no views are mounted, so it is for reads, lists and policies, not for Jobs that run. Pass the
 * id of a Grant the authorization context built (`grantId`) for anything that asks the Grant.
 */
export async function buildWorkspace(k: Kernel, o: WorkspaceOverrides = {}): Promise<WorkspaceRow> {
  const id = randomUUID();
  const division = o.division ?? '440400';
  await k.db.transaction().execute((trx) =>
    importObject(
      trx,
      k.workflow,
      workspaceLifecycle,
      o.state ?? 'active',
      {
        id,
        holder_org_id: o.holderOrgId ?? oid('zh-operator'),
        // One Workspace per holder and Grant: by default a Grant id of its own, which no use case here reads.
        grant_id: o.grantId ?? randomUUID(),
        grant_no: 'SQ-TEST-0001',
        jurisdiction_id: jid(division),
        jurisdiction_path: JSON.stringify(PATHS[division]),
        name_zh: '测试开发席位',
        seats: JSON.stringify(o.seats ?? []),
        limits: JSON.stringify(limitsFrom(k)),
        created_by: null,
      },
      systemActor('test-factory'),
      jid(division),
    ),
  );
  return (await getWorkspace(k.db, id))!;
}

/** A Job of a Workspace in any state (its SQL is a constant; nothing runs). */
export async function buildJob(
  k: Kernel,
  ws: WorkspaceRow,
  o: { state?: (typeof jobLifecycle.states)[number]; userId?: string | null } = {},
): Promise<JobRow> {
  const id = randomUUID();
  const sqlText = testSql();
  await k.db.transaction().execute((trx) =>
    importObject(
      trx,
      k.workflow,
      jobLifecycle,
      o.state ?? 'succeeded',
      {
        id,
        workspace_id: ws.id,
        user_id: o.userId ?? null,
        sql_text: sqlText,
        sql_sm3: sm3Hex(sqlText),
        view_versions: JSON.stringify([]),
        engine_version: ENGINE_VERSION,
      },
      systemActor('test-factory'),
      ws.jurisdiction_id,
    ),
  );
  return (await getJob(k.db, id))!;
}

/** An EgressRequest from a Workspace in any state; the recipient defaults to the holder. */
export async function buildEgressRequest(
  k: Kernel,
  ws: WorkspaceRow,
  o: { state?: (typeof egressLifecycle.states)[number]; recipientOrgId?: string } = {},
): Promise<EgressRow> {
  const id = randomUUID();
  await k.db.transaction().execute((trx) =>
    importObject(
      trx,
      k.workflow,
      egressLifecycle,
      o.state ?? 'awaiting_review',
      {
        id,
        workspace_id: ws.id,
        grant_id: ws.grant_id,
        grant_version: ws.grant_version,
        requester_user_id: null,
        requester_org_id: ws.holder_org_id,
        recipient_org_id: o.recipientOrgId ?? ws.holder_org_id,
        source_job_ids: JSON.stringify([]),
        output_kind: 'aggregate_table',
        declared_use: 'own_analysis',
        justification: '测试',
        jurisdiction_id: ws.jurisdiction_id,
        jurisdiction_path: JSON.stringify(ws.jurisdiction_path),
      },
      systemActor('test-factory'),
      ws.jurisdiction_id,
    ),
  );
  return (await getEgress(k.db, id))!;
}

/** A data-service template of a Workspace in any state (a verification spec over a view it need not mount). */
export async function buildService(
  k: Kernel,
  ws: WorkspaceRow,
  o: { state?: (typeof serviceLifecycle.states)[number] } = {},
): Promise<ServiceRow> {
  const id = randomUUID();
  const spec: ServiceSpec = {
    kind: 'verification',
    view: '企业登记信息',
    params: [{ name: 'uscc', field: '统一社会信用代码', type: 'uscc' }],
  };
  const stored = { ...spec, sql: templateSql(spec) };
  await k.db.transaction().execute((trx) =>
    importObject(
      trx,
      k.workflow,
      serviceLifecycle,
      o.state ?? 'active',
      {
        id,
        workspace_id: ws.id,
        grant_id: ws.grant_id,
        operator_org_id: ws.holder_org_id,
        jurisdiction_id: ws.jurisdiction_id,
        jurisdiction_path: JSON.stringify(ws.jurisdiction_path),
        kind: spec.kind,
        name_zh: '测试核验服务',
        view_name: spec.view,
        spec: JSON.stringify(stored),
        sm3: sm3Hex(canonicalJson(stored)),
        proposed_by: null,
      },
      systemActor('test-factory'),
      ws.jurisdiction_id,
    ),
  );
  return (await getService(k.db, id))!;
}
