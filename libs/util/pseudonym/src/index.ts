export * from './lib/person-pseudonym';
