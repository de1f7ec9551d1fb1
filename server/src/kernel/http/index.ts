export * from './errors.js';
export * from './messages.js';
export * from './pagination.js';
export * from './server.js';
export * from './responses.js';
