export * from './sm3.js';
export * from './sm4.js';
export * from './sm2.js';
export * from './jcs.js';
export * from './random.js';
