export * from './actor.js';
export * from './authorize.js';
export * from './lifecycle.js';
export * from './rules.js';
export * from './transition.js';
