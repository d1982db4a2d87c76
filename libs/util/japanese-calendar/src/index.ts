export * from './lib/business-days';
export * from './lib/fiscal-year';
export * from './lib/japan-dates';
export * from './lib/wareki';
