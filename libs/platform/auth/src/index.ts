export * from './lib/claims';
export * from './lib/token-verifier';
export * from './lib/roles.decorator';
export * from './lib/request-principal';
export * from './lib/current-principal.decorator';
export * from './lib/auth.guard';
export * from './lib/record-scope';
export * from './lib/auth.module';
