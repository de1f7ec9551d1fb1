// products-market.md rules, part 1 (PM-01…PM-20, PM-28). Part 2 adds rules/trading.ts (PM-21…PM-27, PM-33…PM-35).
export * from './product.js';
export * from './review.js';
export * from './registration.js';
export * from './listing.js';
export * from './pricing.js';
export * from './free-use.js';
export * from './revenue.js';
export * from './disclosure.js';
export * from './orders.js';
export * from './metering.js';
export * from './settlement.js';
export * from './bill.js';
