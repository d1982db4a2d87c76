import { DynamicModule, Global, Inject, Module } from '@nestjs/common';
import { loadConfig } from './load-config';
import type { ConfigValues, VariableSpecs } from './variables';

export const TSUNAGU_CONFIG = Symbol('TSUNAGU_CONFIG');

/** Injects the validated configuration object of the running service. */
export const InjectConfig = (): ParameterDecorator => Inject(TSUNAGU_CONFIG);

@Global()
@Module({})
export class ConfigModule {
  /** Validates `specs` against the environment once; the app fails to boot on any problem. */
  static forRoot<const T extends VariableSpecs>(specs: T, env?: Record<string, string | undefined>): DynamicModule {
    const values: ConfigValues<T> = loadConfig(specs, env);
    return {
      module: ConfigModule,
      providers: [{ provide: TSUNAGU_CONFIG, useValue: values }],
      exports: [TSUNAGU_CONFIG],
    };
  }
}
