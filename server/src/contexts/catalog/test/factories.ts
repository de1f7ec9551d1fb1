import type { FixedClock } from '../../../kernel/clock.js';
import type { Client, TestApp } from '../../../test/harness.js';
import { GRADE_RANK, type FieldInput, type Grade, type ResourceInput } from '../model.js';
import { runRegistrationClocks } from '../usecases/registration.js';

/**
 * Catalog test builders (issue 13; examples.md item 6). Each takes overrides and builds through
 * the catalog's own API (its use cases), never by INSERT; a builder's parents are the demo's
 * organizations, reached by logging in as one of their users.
 */

/** A resource body as a client sends it (the server fills the defaults). */
export type ResourceBody = Omit<Partial<ResourceInput>, 'fields'> & { fields?: Partial<FieldInput>[] };

/** A valid draft resource body (one plain text field); every key may be overridden. */
export function resourceInput(overrides: ResourceBody = {}): ResourceBody {
  return {
    nameZh: '测试数据资源',
    summary: '测试用的数据资源',
    keywords: [],
    domain: '市场监管',
    dataType: 'structured',
    openMode: 'file',
    format: 'csv',
    updateFrequency: 'monthly',
    shareClass: 'unconditional',
    openClass: 'not_open',
    fields: [{ code: 'qymc', nameZh: '企业名称', valueType: 'string' }],
    ...overrides,
  };
}

/** Creates a draft of the client's unit (a catalog_manager) and answers its id. */
export async function draftResource(src: Client, overrides: ResourceBody = {}): Promise<string> {
  const res = await src.post('/api/v1/resources', resourceInput(overrides));
  if (res.statusCode !== 201) throw new Error(`draftResource: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

/** The classification every field and the resource get unless overridden (general, no PI). */
export const GENERAL = {
  category: '市场监管/企业',
  grade: 'general',
  personalInfo: false,
  sensitivePersonalInfo: false,
};

/**
 * A classified resource: a draft whose fields and resource are classified by the client (a
 * security officer of the same unit), then `classify`d (draft → classified).
 */
export async function classifiedResource(
  src: Client,
  overrides: ResourceBody = {},
  classification: Record<string, unknown> = GENERAL,
): Promise<string> {
  const id = await draftResource(src, overrides);
  const d = (await src.get(`/api/v1/resources/${id}`)).json();
  for (const f of d.fields as { id: string }[])
    await ok(src, `/api/v1/resources/${id}/fields/${f.id}/classification`, classification);
  await ok(src, `/api/v1/resources/${id}/classification`, classification);
  await ok(src, `/api/v1/resources/${id}/classify`, {});
  return id;
}

async function ok(c: Client, url: string, body: unknown, status = 200) {
  const res = await c.post(url, body);
  if (res.statusCode !== status) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res;
}

/** A field of a registered resource: its own grade and PI flags (a direct identifier carries `identifierKind`). */
export interface GradedField {
  code: string;
  nameZh: string;
  grade?: Exclude<Grade, 'core'>;
  personalInfo?: boolean;
  sensitivePersonalInfo?: boolean;
  directIdentifier?: boolean;
}

export interface RegisteredOverrides {
  /** Login of a catalog manager + security officer of the source unit (default `source.admin`, zh-samr). */
  source?: string;
  /** Login of the registry / publishing authority (default `authority.admin`). */
  registry?: string;
  resource?: Omit<ResourceBody, 'fields'>;
  fields?: GradedField[];
  /** CAT-04: the providing unit of another jurisdiction, and the login that consents for it (omit: no consent). */
  providingUnit?: { orgId: string; consentBy?: string };
  /** Publish after registration (default true). */
  publish?: boolean;
  /**
   * Set the clock back to where it was once registered: a test whose own timeline starts at a fixed
   * date gets its fixture without the weeks of publicity (the registration's events then lie ahead of it).
   */
  keepTime?: boolean;
}

const MATERIALS = ['application', 'resource_info', 'compliance_statement'].map((kind) => ({
  kind,
  fileRef: `${kind}.pdf`,
  sm3Hash: 'a'.repeat(64),
}));
const DECLARATIONS = { noStateSecrets: true, lawfulAcquisition: true, noOwnershipDispute: true };

/**
 * A registered (and by default published) resource, built the real way (REG-01…06, CLS-01/03):
 * draft → snapshot upload → each field and the resource classified → classify → registration filed →
 * accepted, reviewed, publicity posted → publicity ends (the test's clock moves past its end and the
 * registration clock job runs) → code assigned, registered → (provider consent, CAT-04) → published.
 * REG-07 refuses core data, so a core field must be raised afterwards (`reclassifyField`).
 */
export async function registeredResource(t: TestApp, clock: FixedClock, o: RegisteredOverrides = {}): Promise<string> {
  const src = await t.as(o.source ?? 'source.admin');
  const fields = o.fields ?? [
    { code: 'qymc', nameZh: '企业名称' },
    { code: 'ssq', nameZh: '所属区' },
  ];
  const id = await draftResource(src, {
    ...o.resource,
    ...(o.providingUnit ? { providingUnitId: o.providingUnit.orgId } : {}),
    fields: fields.map((f) => ({
      code: f.code,
      nameZh: f.nameZh,
      valueType: 'string',
      ...(f.directIdentifier ? { identifierKind: 'id_number' as const } : {}),
    })),
  });
  // One row of plain values (no detector fires); a `序号` column keeps it a table of two columns or more.
  const csv = `${fields.map((f) => f.nameZh).join(',')},序号\n${fields.map((_, i) => `v${i}`).join(',')},1\n`;
  const mp = multipart('data.csv', csv);
  const up = await src.post(`/api/v1/resources/${id}/snapshots`, mp.body, mp.headers);
  if (up.statusCode !== 201) throw new Error(`snapshot: ${up.statusCode} ${up.body}`);
  const d = (await src.get(`/api/v1/resources/${id}`)).json();
  // DET-05: no suggestion may stay pending; the builder's classification is the one the test asked for.
  for (const x of (d.detections ?? []) as { id: string; status: string }[])
    if (x.status === 'pending')
      await ok(src, `/api/v1/detections/${x.id}/review`, { decision: 'reject', reason: '测试' });
  const ids = new Map((d.fields as { id: string; code: string }[]).map((f) => [f.code, f.id]));
  for (const f of fields) await ok(src, `/api/v1/resources/${id}/fields/${ids.get(f.code)}/classification`, classOf(f));
  await ok(src, `/api/v1/resources/${id}/classification`, {
    ...classOf({
      code: '',
      nameZh: '',
      grade: fields.reduce<Exclude<Grade, 'core'>>(
        (g, f) => (GRADE_RANK[f.grade ?? 'general'] > GRADE_RANK[g] ? (f.grade ?? 'general') : g),
        'general',
      ),
      personalInfo: fields.some((f) => f.personalInfo || f.sensitivePersonalInfo),
      sensitivePersonalInfo: fields.some((f) => f.sensitivePersonalInfo),
    }),
  });
  await ok(src, `/api/v1/resources/${id}/classify`, {});
  const started = clock.now();
  await registerClassified(t, clock, src, id, o.registry);
  if (o.keepTime) clock.set(started);
  if (o.providingUnit?.consentBy)
    await ok(await t.as(o.providingUnit.consentBy), `/api/v1/resources/${id}/provider-consent`, {});
  if (o.publish !== false) await ok(await t.as(o.registry ?? 'authority.admin'), `/api/v1/resources/${id}/publish`, {});
  return id;
}

/** Files the first registration of a classified resource and carries it to `registered` (clock moves forward). */
async function registerClassified(t: TestApp, clock: FixedClock, src: Client, id: string, registry?: string) {
  const filed = await ok(
    src,
    '/api/v1/registrations',
    { resourceId: id, materials: MATERIALS, declarations: DECLARATIONS },
    201,
  );
  const regId = filed.json().id as string;
  const reg = await t.as(registry ?? 'authority.admin');
  for (const a of ['accept', 'start_review', 'post_publicity'])
    await ok(reg, `/api/v1/registrations/${regId}/${a}`, {});
  const pub = (await t.anonymous.get(`/api/v1/public/registrations/${regId}`)).json();
  clock.set(new Date(new Date(pub.publicityEnd).getTime() + 60_000));
  await runRegistrationClocks(t.kernel);
}

/**
 * REG-03 / CAT-03: a field added to a published resource after its registration, through a consented
 * `modify` change request (the authority proposes, the source unit consents, the authority applies).
 * The field stays unregistered until a change registration; with `grade` its security officer classifies it.
 */
export async function addedField(
  t: TestApp,
  resourceId: string,
  f: GradedField,
  o: { source?: string; authority?: string } = {},
): Promise<string> {
  const auth = await t.as(o.authority ?? 'authority.admin');
  const value = { code: f.code, nameZh: f.nameZh, valueType: 'string' };
  const diff = [{ op: 'add', path: '/fields/-', value }];
  const change = await ok(auth, '/api/v1/change-requests', { type: 'modify', resourceId, diff, reason: '测试' }, 201);
  const src = await t.as(o.source ?? 'source.admin');
  await ok(src, `/api/v1/change-requests/${change.json().id}/consent`, {});
  await ok(auth, `/api/v1/change-requests/${change.json().id}/apply`, {});
  if (f.grade) await classifiedField(t, resourceId, f, o.source);
  const d = (await src.get(`/api/v1/resources/${resourceId}`)).json();
  return (d.fields as { id: string; code: string }[]).find((x) => x.code === f.code)!.id;
}

/**
 * CLS-08: (re)classifies a field of a published resource as its source unit's security officer
 * would — the only way a registered resource gets a core field, since REG-07 refuses registering core data.
 */
export async function classifiedField(
  t: TestApp,
  resourceId: string,
  f: Omit<GradedField, 'grade'> & { grade?: Grade },
  source = 'source.admin',
) {
  const src = await t.as(source);
  const d = (await src.get(`/api/v1/resources/${resourceId}`)).json();
  const id = (d.fields as { id: string; code: string }[]).find((x) => x.code === f.code)!.id;
  await ok(src, `/api/v1/resources/${resourceId}/fields/${id}/classification`, classOf(f));
}

function classOf(f: Omit<GradedField, 'grade'> & { grade?: Grade }) {
  return {
    ...GENERAL,
    grade: f.grade ?? 'general',
    personalInfo: !!(f.personalInfo || f.sensitivePersonalInfo),
    sensitivePersonalInfo: !!f.sensitivePersonalInfo,
    ...(f.sensitivePersonalInfo ? { sensitiveCategory: 'specific_identity' } : {}),
  };
}

/** Builds a multipart/form-data body with one file part, for app.inject upload tests. */
export function multipart(filename: string, content: string) {
  const boundary = '----shuyun' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
