import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SERVICES } from '../../seed/sandbox.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { type Clients, clientsOf, productBody } from './test/factories.js';

// PM-02 (issue 15): a data service/API product names the sandbox data service its buyers' keys call through the
// gateway. The service must be made on one of the product's own Grants by the same operator.
let t: TestApp;
let c: Clients;
beforeAll(async () => {
  t = await startTestApp();
  c = await clientsOf(t);
});
afterAll(() => t?.close());

const body = (o: Record<string, unknown>) => productBody({ name: '企业登记状态核验API', ...o });
const refusal = (res: { statusCode: number; body: string }) => {
  const e = JSON.parse(res.body).error;
  return {
    status: res.statusCode,
    code: e?.code,
    rules: (e?.details?.failures ?? []).map((f: { ruleId: string }) => f.ruleId),
  };
};

describe('PM-02 a data service/API product is bound to a data service of its own Grant', () => {
  it('binds the sandbox service made on the same Grant and shows it on the product', async () => {
    const res = await c.operator.post('/api/v1/products', body({ serviceId: DEMO_SERVICES.verify }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().serviceId).toBe(DEMO_SERVICES.verify);
    const read = await c.operator.get(`/api/v1/products/${res.json().id}`);
    expect(read.json().serviceId).toBe(DEMO_SERVICES.verify);
  });

  it('refuses a service made on another Grant: 422 SERVICE_NOT_OF_GRANT, localized, nothing saved', async () => {
    const before = (await c.operator.get('/api/v1/products?pageSize=200')).json().total;
    const res = await c.operator.post('/api/v1/products', body({ serviceId: DEMO_SERVICES.stats }));
    expect(refusal(res)).toEqual({ status: 422, code: 'SERVICE_NOT_OF_GRANT', rules: ['PM-02'] });
    expect(res.json().error.message_zh).toContain('授权');
    expect(res.json().error.message_en).toContain('Grant');
    expect((await c.operator.get('/api/v1/products?pageSize=200')).json().total).toBe(before);
  });

  it('refuses a service unknown here (another org’s or none): SERVICE_NOT_OF_GRANT', async () => {
    const res = await c.operator.post('/api/v1/products', body({ serviceId: '0190d4f0-0000-7000-8000-00000000dead' }));
    expect(refusal(res)).toEqual({ status: 422, code: 'SERVICE_NOT_OF_GRANT', rules: ['PM-02'] });
  });

  it('refuses a binding on a form no buyer calls through the gateway (dataset): SERVICE_FORM_MISMATCH', async () => {
    const res = await c.operator.post(
      '/api/v1/products',
      body({ form: 'dataset', deliveryModes: ['file_egress'], serviceId: DEMO_SERVICES.verify }),
    );
    expect(refusal(res)).toEqual({ status: 422, code: 'SERVICE_FORM_MISMATCH', rules: ['PM-02'] });
  });

  it('a product without a service is unchanged (serviceId null)', async () => {
    const res = await c.operator.post('/api/v1/products', body({}));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().serviceId).toBeNull();
  });
});
