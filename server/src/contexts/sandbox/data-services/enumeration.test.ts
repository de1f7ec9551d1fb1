import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { DEMO_API_KEY_ID, DEMO_SERVICES, demoApiKeySecret } from '../../../seed/sandbox.js';
import { ensureSandboxDemo } from '../test/factories.js';
import { keyOrdinal, trackSequence } from './enumeration.js';

const C = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** The USCC whose non-check part is the base-31 number n (17 characters), with its check character. */
function usccOf(n: bigint): string {
  let body = '';
  for (let i = 0; i < 17; i++) {
    body = C[Number(n % 31n)] + body;
    n /= 31n;
  }
  const sum = [...body].reduce((a, ch, i) => a + C.indexOf(ch) * W[i]!, 0);
  return body + C[(31 - (sum % 31)) % 31];
}

describe('SVC-06 enumeration alarm', () => {
  it('counts a run of keys that go up by one, within an hour', () => {
    const base = keyOrdinal('uscc', '91440400MA5D11220')!;
    let alarm = false;
    for (let i = 0; i < 20; i++) alarm = trackSequence('k1', base + BigInt(i), 1000 + i, 20);
    expect(alarm).toBe(true);
    expect(trackSequence('k2', base, 0, 20)).toBe(false);
    expect(trackSequence('k2', base + 2n, 1, 20)).toBe(false); // a gap restarts the run
  });

  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await ensureSandboxDemo(t.kernel);
  }, 120_000);
  afterAll(async () => t?.close());
  const call = (uscc: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/services/${DEMO_SERVICES.verify}/call`,
      headers: { authorization: `Bearer ${demoApiKeySecret(t.kernel)}` },
      payload: { 统一社会信用代码: uscc, 企业名称: '珠海市测试有限公司' },
    });

  it('blocks the credential after 20 sequential subject keys until the authority releases it', async () => {
    const base = keyOrdinal('uscc', '91440400MA5D11220')!;
    const codes: number[] = [];
    for (let i = 0; i < 20; i++) codes.push((await call(usccOf(base + BigInt(i)))).statusCode);
    expect(codes.slice(0, 19).every((c) => c === 200)).toBe(true);
    const last = await call(usccOf(base + 19n));
    expect(last.json().error).toMatchObject({ code: 'CALL_NOT_AUTHORIZED', details: { reason: 'enumeration_alarm' } });
    expect((await call(usccOf(base + 500n))).statusCode).toBe(403);
    const buyer = await t.as('buyer.admin');
    expect([403, 404]).toContain(
      (await buyer.post(`/api/v1/service-key-blocks/${DEMO_API_KEY_ID}/release`)).statusCode,
    );
    const auth = await t.as('authority.admin');
    expect((await auth.post(`/api/v1/service-key-blocks/${DEMO_API_KEY_ID}/release`)).json()).toEqual({
      apiKeyId: DEMO_API_KEY_ID,
      released: true,
    });
    expect((await call(usccOf(base + 900n))).statusCode).toBe(200);
  });
});
