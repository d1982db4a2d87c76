export * from './lib/problem-details';
export * from './lib/problem-details.filter';
export * from './lib/validation';
export * from './lib/list-query';
export * from './lib/public.decorator';
export * from './lib/dto-decorators';
export { assertNoHostileValues, jsonDepthExceeds, MAX_JSON_DEPTH, unsafeTextReason } from './lib/hostile-input';
export * from './lib/keyset-list-query';
