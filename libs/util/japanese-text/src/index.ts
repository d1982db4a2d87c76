export * from './lib/japanese-text';
