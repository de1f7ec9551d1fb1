import { sql } from 'kysely';
import type { Tx } from '../kernel/db/tables.js';
import type { Kernel } from '../kernel/kernel.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import {
  membershipLifecycle,
  organizationLifecycle,
  actorRoleLifecycle,
  userLifecycle,
} from '../contexts/identity/lifecycle.js';
import { hashPassword } from '../contexts/identity/passwords.js';
import { demoId } from './ids.js';

export const DEMO_PASSWORD = 'shuyun-demo';

const J = [
  { code: '000000', level: 'national', name: '国家', parent: null, profile: 'national-2025' },
  { code: '440000', level: 'province', name: '广东省', parent: '000000', profile: null },
  { code: '440400', level: 'city', name: '珠海市', parent: '440000', profile: 'zhuhai' },
  { code: '440402', level: 'district', name: '珠海市香洲区', parent: '440400', profile: null },
  { code: '440300', level: 'city', name: '深圳市', parent: '440000', profile: 'shenzhen' },
  { code: '440303', level: 'district', name: '深圳市罗湖区', parent: '440300', profile: 'luohu' },
] as const;

export const jid = (code: string) => demoId(`jurisdiction:${code}`);
export const oid = (key: string) => demoId(`org:${key}`);
export const uid = (login: string) => demoId(`user:${login}`);

interface DemoOrg {
  key: string;
  name: string;
  kind: string;
  uscc: string;
  j: string;
  actors: string[];
  actorJ?: string;
}

export const DEMO_ORGS: DemoOrg[] = [
  {
    key: 'platform',
    name: '数运平台运营中心',
    kind: 'public_institution',
    uscc: '12440400MB2F56789Y',
    j: '000000',
    actors: ['platform_admin'],
  },
  {
    key: 'gd-authority',
    name: '广东省政务服务和数据管理局',
    kind: 'gov_organ',
    uscc: '11440000MB2A00011N',
    j: '440000',
    actors: ['authority'],
  },
  {
    key: 'zh-authority',
    name: '珠海市政务服务和数据管理局',
    kind: 'gov_organ',
    uscc: '11440400MB2C123457',
    j: '440400',
    actors: ['authority', 'registry'],
  },
  {
    key: 'sz-authority',
    name: '深圳市政务服务和数据管理局',
    kind: 'gov_organ',
    uscc: '11440300MB2B11112G',
    j: '440300',
    actors: ['authority'],
  },
  {
    key: 'lh-authority',
    name: '深圳市罗湖区政务服务和数据管理局',
    kind: 'gov_organ',
    uscc: '11440303MB2D8F7Q13',
    j: '440303',
    actors: ['authority', 'registry'],
  },
  {
    key: 'zh-samr',
    name: '珠海市市场监督管理局',
    kind: 'gov_organ',
    uscc: '11440400MB2C234560',
    j: '440400',
    actors: ['source_unit'],
  },
  {
    key: 'zh-transport',
    name: '珠海市交通运输局',
    kind: 'gov_organ',
    uscc: '11440400MB2C34567Q',
    j: '440400',
    actors: ['source_unit'],
  },
  {
    key: 'zh-health',
    name: '珠海市卫生健康局',
    kind: 'gov_organ',
    uscc: '11440400MB2C45678H',
    j: '440400',
    actors: ['source_unit'],
  },
  {
    key: 'zh-operator',
    name: '珠海市数据运营有限公司',
    kind: 'enterprise',
    uscc: '91440400MA5D11223W',
    j: '440400',
    actors: ['operator'],
  },
  {
    key: 'zh-collab',
    name: '珠海智算科技有限公司',
    kind: 'enterprise',
    uscc: '91440400MA5E223348',
    j: '440400',
    actors: ['collaborator'],
  },
  {
    key: 'zh-sti',
    name: '珠海市科技创新局',
    kind: 'gov_organ',
    uscc: '11440400MB2C56789A',
    j: '440400',
    actors: ['lab_initiator'],
  },
  {
    key: 'zh-labpartner',
    name: '珠海横琴数创科技有限公司',
    kind: 'enterprise',
    uscc: '91440400MA5H33445Q',
    j: '440400',
    actors: ['lab_partner'],
  },
  {
    key: 'evaluator',
    name: '广东数据评估认证中心有限公司',
    kind: 'enterprise',
    uscc: '91440101MA5J445563',
    j: '440000',
    actors: ['evaluator'],
  },
  {
    key: 'buyer',
    name: '深圳市前海征信服务有限公司',
    kind: 'enterprise',
    uscc: '91440300MA5G8K2L3A',
    j: '440300',
    actors: ['buyer'],
    actorJ: '440400',
  },
  {
    key: 'zh-regulator',
    name: '珠海市互联网信息办公室',
    kind: 'gov_organ',
    uscc: '11440402MB2C678901',
    j: '440400',
    actors: ['regulator'],
  },
];

const OFFICER = ['security_officer', 'signatory'];
export const DEMO_USERS: { login: string; name: string; org: string; roles: string[] }[] = [
  { login: 'authority.admin', name: '王敏', org: 'zh-authority', roles: ['org_admin', 'reviewer', ...OFFICER] },
  { login: 'authority.reviewer', name: '李强', org: 'zh-authority', roles: ['reviewer'] },
  {
    login: 'source.admin',
    name: '陈静',
    org: 'zh-samr',
    roles: ['org_admin', 'catalog_manager', 'reviewer', ...OFFICER],
  },
  {
    login: 'transport.admin',
    name: '周涛',
    org: 'zh-transport',
    roles: ['org_admin', 'catalog_manager', 'reviewer', ...OFFICER],
  },
  {
    login: 'health.admin',
    name: '吴芳',
    org: 'zh-health',
    roles: ['org_admin', 'catalog_manager', 'reviewer', ...OFFICER],
  },
  { login: 'operator.admin', name: '张伟', org: 'zh-operator', roles: ['org_admin', 'reviewer', ...OFFICER] },
  { login: 'operator.dev', name: '刘洋', org: 'zh-operator', roles: ['developer'] },
  { login: 'collaborator.dev', name: '赵磊', org: 'zh-collab', roles: ['developer'] },
  { login: 'collaborator.admin', name: '孙丽', org: 'zh-collab', roles: ['org_admin', ...OFFICER] },
  { login: 'lab.initiator', name: '黄华', org: 'zh-sti', roles: ['org_admin', 'reviewer', ...OFFICER] },
  { login: 'lab.partner', name: '郑浩', org: 'zh-labpartner', roles: ['org_admin', 'developer', ...OFFICER] },
  { login: 'evaluator.admin', name: '何婷', org: 'evaluator', roles: ['org_admin'] },
  { login: 'buyer.admin', name: '林峰', org: 'buyer', roles: ['org_admin'] },
  { login: 'regulator.viewer', name: '高洁', org: 'zh-regulator', roles: ['auditor'] },
  { login: 'gd.reviewer', name: '罗斌', org: 'gd-authority', roles: ['org_admin', 'reviewer'] },
  { login: 'luohu.reviewer', name: '王敏', org: 'lh-authority', roles: ['org_admin', 'reviewer'] },
  { login: 'platform.admin', name: '宋凯', org: 'platform', roles: ['sys_admin'] },
  { login: 'platform.security', name: '韩雪', org: 'platform', roles: ['security_admin'] },
  { login: 'platform.audit', name: '冯雨', org: 'platform', roles: ['audit_admin'] },
];

/** Jurisdictions, organizations, users, memberships and actor roles of identity.md "Demo accounts". */
export async function seedIdentity(trx: Tx, k: Kernel) {
  const actor = systemActor('seed-demo');
  for (const j of J) {
    const path = pathOf(j.code);
    await sql`INSERT INTO jurisdiction (id, level, division_code, name_zh, parent_id, path, profile_id)
      VALUES (${jid(j.code)}, ${j.level}, ${j.code}, ${j.name}, ${j.parent ? jid(j.parent) : null}, ${path}::uuid[], ${j.profile})`.execute(
      trx,
    );
  }
  for (const o of DEMO_ORGS) {
    await importObject(
      trx,
      k.workflow,
      organizationLifecycle,
      'active',
      {
        id: oid(o.key),
        entity_kind: o.kind,
        name_zh: o.name,
        uscc: o.uscc,
        registered_address: `${nameOf(o.j)}（演示地址）`,
        division_code: o.uscc.slice(2, 8),
        home_jurisdiction_id: jid(o.j),
        demo: true,
        contacts: JSON.stringify([{ kind: 'security', name: '安全联系人', mobile: '13800000000' }]),
        supervising_authority_org_id: o.actors.includes('source_unit') ? oid('zh-authority') : null,
      },
      actor,
      jid(o.j),
    );
    for (const a of o.actors) {
      await importObject(
        trx,
        k.workflow,
        actorRoleLifecycle,
        'active',
        {
          id: demoId(`role:${o.key}:${a}`),
          org_id: oid(o.key),
          actor: a,
          jurisdiction_id: jid(o.actorJ ?? o.j),
          basis_type: 'designation',
          basis_ref: 'demo',
          valid_from: '2026-01-01',
          valid_to: a === 'operator' ? '2027-12-31' : null,
        },
        actor,
        jid(o.j),
      );
    }
  }
  for (const c of ['440000', '440400', '440303', '440300']) {
    const auth = DEMO_ORGS.find((o) => o.j === c && o.actors.includes('authority'));
    if (auth) await sql`UPDATE jurisdiction SET authority_org_id = ${oid(auth.key)} WHERE id = ${jid(c)}`.execute(trx);
  }
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  for (const [i, u] of DEMO_USERS.entries()) await seedUser(trx, k, u, hashes[i]!);
}

async function seedUser(trx: Tx, k: Kernel, u: (typeof DEMO_USERS)[number], hash: string) {
  const actor = systemActor('seed-demo');
  await importObject(
    trx,
    k.workflow,
    userLifecycle,
    'active',
    {
      id: uid(u.login),
      login_name: u.login,
      real_name: u.name,
      mobile: '13800000000',
      password_hash: hash,
      demo: true,
      password_changed_at: new Date('2026-01-01T00:00:00Z'),
      // LGN-07: demo accounts are seeded as real-name verified (identity.md: prerequisites seeded as met).
      mobile_verified_at: new Date('2026-01-01T00:00:00Z'),
      id_verified_at: new Date('2026-01-01T00:00:00Z'),
    },
    actor,
  );
  const officer = u.roles.includes('security_officer');
  await importObject(
    trx,
    k.workflow,
    membershipLifecycle,
    'active',
    {
      id: demoId(`membership:${u.login}`),
      user_id: uid(u.login),
      org_id: oid(u.org),
      roles: JSON.stringify(u.roles),
      background_check: JSON.stringify({ status: 'passed', checkedAt: '2026-01-05', expiresAt: '2029-01-05' }),
      nda: JSON.stringify({ docRef: 'demo-nda', signedAt: '2026-01-05' }),
      primary_security_officer: officer,
    },
    actor,
  );
}

function pathOf(code: string): string[] {
  const chain: string[] = [];
  for (let c: string | null = code; c; c = J.find((x) => x.code === c)!.parent) chain.unshift(jid(c));
  return chain;
}

function nameOf(code: string): string {
  return J.find((x) => x.code === code)!.name;
}
