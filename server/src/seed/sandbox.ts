import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../kernel/db/tables.js';
import { hmacSm3, sm3Hex } from '../kernel/crypto/sm3.js';
import { canonicalJson } from '../kernel/crypto/jcs.js';
import { shanghaiDate } from '../kernel/calendar/calendar.js';
import type { Kernel } from '../kernel/kernel.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import { getGrantForUse, type GrantForUse } from '../contexts/authorization/service.js';
import { apiKeyLifecycle } from '../contexts/identity/lifecycle.js';
import { contractLifecycle, orderLifecycle, productLifecycle } from '../contexts/products/service.js';
import { serviceLifecycle, workspaceLifecycle } from '../contexts/sandbox/lifecycle.js';
import type { ServiceSpec } from '../contexts/sandbox/model.js';
import { getWorkspace } from '../contexts/sandbox/store.js';
import { limitsFrom } from '../contexts/sandbox/usecases/workspaces.js';
import { holderWorkspaceRow } from '../contexts/sandbox/usecases/grant-follower.js';
import { buildViews } from '../contexts/sandbox/usecases/masked-views.js';
import { templateSql } from '../contexts/sandbox/data-services/templates.js';
import { demoId } from './ids.js';
import { seedSandboxImport } from './sandbox-imports.js';
import { oid, uid } from './identity.js';

export const DEMO_GRANTS = { verify: demoId('grant:enterprise-verify'), stats: demoId('grant:population-stats') };
export const DEMO_SERVICES = { verify: demoId('service:enterprise-verify'), stats: demoId('service:population-stats') };
export const DEMO_ORDERS = { verify: demoId('order:enterprise-verify'), stats: demoId('order:population-stats') };
export const DEMO_API_KEY_ID = demoId('apikey:buyer.admin');
const PREFIX = 'demobuy1';

/** The demo buyer key's secret: derived from this deployment's master key, never logged (KEY-02). */
export function demoApiKeySecret(k: Kernel): string {
  return `sy_${PREFIX}_${hmacSm3(k.secrets.derivationKey, 'demo-api-key:buyer.admin').toString('base64url')}`;
}

const SERVICES: {
  key: 'verify' | 'stats';
  nameZh: string;
  productCode: string;
  spec: (g: GrantForUse) => ServiceSpec | null;
}[] = [
  {
    key: 'verify',
    nameZh: '企业登记信息核验',
    productCode: 'DP-ZH-2026-000001',
    spec: (g) => {
      const r = g.resources.find(
        (x) => x.fields.some((f) => f.nameZh === '统一社会信用代码') && x.fields.some((f) => f.nameZh === '企业名称'),
      );
      return r
        ? {
            kind: 'verification',
            view: r.nameZh,
            params: [
              { name: '统一社会信用代码', field: '统一社会信用代码', type: 'uscc' },
              { name: '企业名称', field: '企业名称', type: 'text', maxLength: 100 },
            ],
          }
        : null;
    },
  },
  {
    key: 'stats',
    nameZh: '区域人口统计',
    productCode: 'DP-ZH-2026-000002',
    spec: (g) => {
      const r = g.resources.find((x) => x.fields.some((f) => f.nameZh === '所属区'));
      return r ? { kind: 'statistics', view: r.nameZh, groupBy: ['所属区'] } : null;
    },
  },
];

/** Demo Workspaces on the two demo Grants, the 核验 and 统计 services, their products, orders, contracts and the buyer's key. */
export async function seedSandbox(trx: Tx, k: Kernel): Promise<void> {
  const actor = systemActor('demo-seed');
  const today = shanghaiDate(k.clock.now());
  for (const s of SERVICES) {
    const grant = await getGrantForUse(trx, DEMO_GRANTS[s.key]);
    if (!grant) continue; // the authorization seed has not run: nothing to mount
    const wsId = demoId(`workspace:${s.key}:zh-operator`);
    if (await getWorkspace(trx, wsId)) continue;
    const keyEnc = k.secrets.masterKeys.encrypt(randomBytes(32));
    const views = await buildViews(k, { id: wsId, key_enc: keyEnc, grant_id: grant.id }, grant, trx);
    await importObject(
      trx,
      k.workflow,
      workspaceLifecycle,
      'active',
      {
        // The row grant provisioning writes (holderWorkspaceRow), with the demo's two seated users.
        ...holderWorkspaceRow(k, grant, wsId, keyEnc),
        seats: JSON.stringify(
          ['operator.admin', 'operator.dev'].map((l) => ({
            userId: uid(l),
            addedAt: k.clock.now().toISOString(),
            ndaSignedAt: k.clock.now().toISOString(),
          })),
        ),
        views: JSON.stringify(views),
        created_by: uid('operator.admin'),
      },
      actor,
      grant.jurisdictionId,
    );
    if (grant.collaboratorOrgIds.includes(oid('zh-collab'))) {
      const cId = demoId(`workspace:${s.key}:zh-collab`);
      const cKey = k.secrets.masterKeys.encrypt(randomBytes(32));
      const cViews = await buildViews(k, { id: cId, key_enc: cKey, grant_id: grant.id }, grant, trx);
      await importObject(
        trx,
        k.workflow,
        workspaceLifecycle,
        'active',
        {
          id: cId,
          holder_org_id: oid('zh-collab'),
          grant_id: grant.id,
          grant_no: grant.grantNo,
          scenario_application_id: grant.scenarioApplicationId,
          jurisdiction_id: grant.jurisdictionId,
          jurisdiction_path: JSON.stringify(grant.jurisdictionPath),
          name_zh: `${grant.grantNo} 协作开发席位`,
          seats: JSON.stringify([
            {
              userId: uid('collaborator.dev'),
              addedAt: k.clock.now().toISOString(),
              ndaSignedAt: k.clock.now().toISOString(),
            },
          ]),
          views: JSON.stringify(cViews),
          limits: JSON.stringify(limitsFrom(k)),
          key_enc: cKey,
          created_by: uid('collaborator.admin'),
        },
        actor,
        grant.jurisdictionId,
      );
    }
    const spec0 = s.spec(grant);
    if (!spec0 || !views.some((v) => v.name === spec0.view)) continue;
    const spec = { ...spec0, sql: templateSql(spec0) };
    await importObject(
      trx,
      k.workflow,
      serviceLifecycle,
      'active',
      {
        id: DEMO_SERVICES[s.key],
        workspace_id: wsId,
        grant_id: grant.id,
        operator_org_id: grant.operatorOrgId,
        jurisdiction_id: grant.jurisdictionId,
        jurisdiction_path: JSON.stringify(grant.jurisdictionPath),
        kind: spec.kind,
        name_zh: s.nameZh,
        view_name: spec.view,
        spec: JSON.stringify(spec),
        sm3: sm3Hex(canonicalJson(spec)),
        proposed_by: uid('operator.dev'),
        approved_by: uid('authority.admin'),
      },
      actor,
      grant.jurisdictionId,
    );
    await seedProduct(trx, k, s, grant, today);
  }
  await seedPsiTerms(trx);
  await seedApiKey(trx, k);
  await seedSandboxImport(trx, k, demoId('workspace:verify:zh-operator')); // SBX-11: one import in the demo Workspace
}

/**
 * PSI-01 (issue 19): the 企业登记信息 Grant allows PSI, `membership` mode included (organizations, not persons), so
 * buyer.admin can match its own USCC list against the 核验 service under its active Contract. The authority's Grant
 * form has no PSI switches yet: the demo sets the two flags directly.
 */
async function seedPsiTerms(trx: Tx) {
  await sql`UPDATE data_grant SET psi_allowed = true, psi_membership = true WHERE id = ${DEMO_GRANTS.verify}`.execute(
    trx,
  );
}

async function seedProduct(trx: Tx, k: Kernel, s: (typeof SERVICES)[number], grant: GrantForUse, today: string) {
  const actor = systemActor('demo-seed');
  const productId = demoId(`product:${s.key}`);
  await importObject(
    trx,
    k.workflow,
    productLifecycle,
    'active',
    {
      id: productId,
      code: s.productCode,
      name_zh: s.nameZh,
      form: s.key === 'verify' ? 'verification_service' : 'data_service_api',
      category: 'industry',
      scenario_application_id: grant.scenarioApplicationId,
      grant_ids: JSON.stringify([grant.id]),
      producer_org_id: grant.operatorOrgId,
      operator_org_id: grant.operatorOrgId,
      service_id: DEMO_SERVICES[s.key],
      personal_info: 'none',
      delivery_modes: JSON.stringify(['api_key']),
      jurisdiction_id: grant.jurisdictionId,
      jurisdiction_path: JSON.stringify(grant.jurisdictionPath),
    },
    actor,
    grant.jurisdictionId,
  );
  const orderId = DEMO_ORDERS[s.key];
  await importObject(
    trx,
    k.workflow,
    orderLifecycle,
    'delivering',
    {
      id: orderId,
      buyer_org_id: oid('buyer'),
      product_id: productId,
      use_category: 'industry',
      purpose: grant.purpose || s.nameZh,
      scenario: grant.scenarioApplicationId ?? s.nameZh,
      quantity: 100000,
      unit: 'call',
      estimated_amount: 0,
    },
    actor,
    grant.jurisdictionId,
  );
  const termTo = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  await importObject(
    trx,
    k.workflow,
    contractLifecycle,
    'active',
    {
      id: demoId(`contract:${s.key}`),
      order_id: orderId,
      product_id: productId,
      buyer_org_id: oid('buyer'),
      operator_org_id: grant.operatorOrgId,
      purpose: grant.purpose || s.nameZh,
      scenario: grant.scenarioApplicationId ?? s.nameZh,
      delivery_mode: 'api_key',
      term_from: today,
      term_to: termTo,
      quota_per_day: 100000,
      quota_per_month: 2000000,
      amount: 0,
      sm3: sm3Hex(`${orderId}:${productId}`),
    },
    actor,
    grant.jurisdictionId,
  );
}

/** buyer.admin's key, scoped to the 核验 order; only its HMAC is stored, the demo secret goes to a file. */
async function seedApiKey(trx: Tx, k: Kernel) {
  const secret = demoApiKeySecret(k);
  if ((await sql`SELECT 1 FROM api_key WHERE id = ${DEMO_API_KEY_ID}`.execute(trx)).rows.length) return;
  await importObject(
    trx,
    k.workflow,
    apiKeyLifecycle,
    'active',
    {
      id: DEMO_API_KEY_ID,
      org_id: oid('buyer'),
      owner_user_id: uid('buyer.admin'),
      name: '核验服务演示密钥',
      prefix: PREFIX,
      secret_hash: hmacSm3(k.secrets.apiKeyPepper, secret).toString('hex'),
      scopes: JSON.stringify([
        { objectType: 'order', objectId: DEMO_ORDERS.verify, actions: ['data.verify', 'data.query'] },
      ]),
      ip_allow_list: JSON.stringify(['127.0.0.1/32']),
      rate_limit: JSON.stringify({ rps: 2000, burst: 4000 }),
      expires_at: new Date(k.clock.now().getTime() + 365 * 86400_000),
    },
    systemActor('demo-seed'),
  );
  await mkdir(k.dataDir, { recursive: true });
  await writeFile(join(k.dataDir, 'demo-api-key.txt'), `${secret}\n`, { mode: 0o600 });
}
