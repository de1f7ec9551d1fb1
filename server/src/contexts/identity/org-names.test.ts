import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { orgNames } from './service.js';

// identity's port for other contexts' views of public records (rights registrations): names only, by id.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('orgNames (identity port)', () => {
  it('answers the Chinese name of each known organization, once per id, and leaves unknown ids out', async () => {
    const unknown = '00000000-0000-0000-0000-000000000000';
    const names = await orgNames(t.kernel.db, [oid('zh-operator'), oid('zh-operator'), null, unknown]);
    expect([...names.entries()]).toEqual([[oid('zh-operator'), '珠海市数据运营有限公司']]);
    expect((await orgNames(t.kernel.db, [])).size).toBe(0);
  });
});
