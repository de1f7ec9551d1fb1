import { describe, expect, it } from 'vitest';
import { definePermissions, permission } from './authorize.js';

describe('definePermissions: one name, one rule', () => {
  it('refuses a second, different declaration of a name (it would silently change the first context’s rule)', () => {
    definePermissions({ 'test_probe.file': { kind: 'write', roles: [], actors: ['public'], relationships: ['any'] } });
    expect(() =>
      definePermissions({
        'test_probe.file': { kind: 'write', roles: [], actors: ['any'], relationships: ['party_to'] },
      }),
    ).toThrow('permission test_probe.file declared twice');
    expect(permission('test_probe.file').actors).toEqual(['public']);
  });

  it('accepts the same declaration again (a module loaded twice)', () => {
    const def = { kind: 'write', roles: [], actors: ['system'], relationships: ['any'] } as const;
    definePermissions({ 'test_probe.same': { ...def, actors: [...def.actors], roles: [], relationships: ['any'] } });
    expect(() =>
      definePermissions({ 'test_probe.same': { ...def, actors: [...def.actors], roles: [], relationships: ['any'] } }),
    ).not.toThrow();
  });
});
