import { expect } from 'vitest';

/** An HTTP answer as the test clients return it (its JSON is read loosely, as each test knows its shape). */
// `any` on purpose: each test reads the answer by the shape it asserts on (as the harness clients return it).
export type Res = { statusCode: number; body: string; json(): any };

/** The answer's JSON after checking its status (the body is shown when the status differs). */
export const ok = (res: Res, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

/** The rule failures a refusal names (`error.details.failures`). */
export const failures = (res: Res): { ruleId: string; code: string; params: Record<string, unknown> }[] =>
  res.json().error?.details?.failures ?? [];
