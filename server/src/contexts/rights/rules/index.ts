/** Rights-assets rules by area (rights-assets.md "Rules"): registration, valuation, accounting. */
export * from './registration.js';
export * from './valuation.js';
export * from './accounting.js';
export * from './assets.js';
