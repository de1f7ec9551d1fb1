import type { Client } from '../../../test/harness.js';
import type { FieldInput, ResourceInput } from '../model.js';

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

async function ok(c: Client, url: string, body: unknown) {
  const res = await c.post(url, body);
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
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
