import type { Rule } from 'antd/es/form';

/**
 * "Required" for an antd Select inside a Form.Item. A `{ required: true }` rule makes Form.Item put
 * aria-required on the Select's root <div>, which has no role: axe-core reports that as a critical
 * aria-allowed-attr violation (issue 14 "Accessibility"). This validator checks the same thing without
 * it; pass `required` on the Form.Item for the visual mark only when the axe rule is not a concern.
 */
export function selectRequired(message: string): Rule {
  return {
    validator: (_, v: unknown) =>
      v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)
        ? Promise.reject(new Error(message))
        : Promise.resolve(),
  };
}
