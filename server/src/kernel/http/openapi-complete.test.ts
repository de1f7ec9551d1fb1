import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';

// Issue 13: every answer is described. A route without a response schema would let a presenter
// leak a column nobody declared, and leaves the web guessing its types.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** Operations with no described success: a 2xx with a schema, an empty 204, or a declared redirect. */
export function undescribed(paths: Record<string, Record<string, Operation>>): string[] {
  const out: string[] = [];
  for (const [path, ops] of Object.entries(paths))
    for (const [method, op] of Object.entries(ops)) {
      const ok = Object.entries(op.responses ?? {}).filter(([code]) => /^[23]\d\d$/.test(code));
      const described = ok.some(
        ([code, r]) => code === '204' || code.startsWith('3') || Object.values(r.content ?? {}).some((c) => c.schema),
      );
      if (!described) out.push(`${method.toUpperCase()} ${path}`);
    }
  return out.sort();
}

describe('GET /api/openapi.json (issue 13)', () => {
  it('declares a response schema for every route', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(100);
    expect(undescribed(doc.paths)).toEqual([]);
  });
});
