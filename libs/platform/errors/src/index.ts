export * from './lib/domain-exception';
