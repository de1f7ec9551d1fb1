// The page registry: one line per context, each exporting that context's PageDef[] from
// `pages/<context>/routes.tsx` (see pages/types.ts). Add yours as:
//   export { default as <context> } from './<context>/routes';
export { default as workbench } from './workbench/routes';
export { default as identity } from './identity/routes';
export { default as ledger } from './ledger/routes';
export { default as authorization } from './authorization/routes';
export { default as sandbox } from './sandbox/routes';
export { default as services } from './services/routes';
export { default as catalog } from './catalog/routes';
export { default as products } from './products/routes';
export { default as market } from './market/routes';
export { default as platform } from './platform/routes';
export { default as rights } from './rights/routes';
export { default as supervision } from './supervision/routes';
export { default as labs } from './labs/routes';
