export * from './agreement.js';
export * from './application.js';
export * from './grant.js';
