import { describe, expectTypeOf, it } from 'vitest';
import type { ApiBody, ApiItem, ApiOk, ApiPath } from './types';

// Issue 13: the helpers read the generated schema.ts. These are checked by `tsc -p web` (the assertions are types);
// the run only proves the file loads.
describe('api types (issue 13)', () => {
  it('ApiOk is the declared 200 body of a route', () => {
    expectTypeOf<ApiOk<'/me'>['mfaRequired']>().toEqualTypeOf<boolean>();
  });
  it('ApiBody is the JSON request body, enums as unions', () => {
    expectTypeOf<ApiBody<'/orgs', 'post'>['nameZh']>().toEqualTypeOf<string>();
    expectTypeOf<'enterprise'>().toExtend<ApiBody<'/orgs', 'post'>['entityKind']>();
  });
  it('ApiItem is one element of a list answer', () => {
    expectTypeOf<ApiItem<'/orgs'>>().toHaveProperty('id');
  });
  it('ApiPath lists routes relative to /api/v1', () => {
    expectTypeOf<'/me'>().toExtend<ApiPath>();
    expectTypeOf<'/api/v1/me'>().not.toExtend<ApiPath>();
  });
});
