// One line per context: `export { default as <context> } from './<context>';`
export { default as app } from './app';
export { default as ledger } from './ledger';
export { default as identity } from './identity';
export { default as authorization } from './authorization';
export { default as sandbox } from './sandbox';
export { default as services } from './services';
export { default as catalog } from './catalog';
export { default as products } from './products';
export { default as market } from './market';
export { default as platform } from './platform';
export { default as workbench } from './workbench';
export { default as rights } from './rights';
export { default as supervision } from './supervision';
export { default as labs } from './labs';
export { default as psi } from './psi';
export { default as sandboxData } from './sandboxData';
export { default as sandboxEgress } from './sandboxEgress';
