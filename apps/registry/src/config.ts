import { platformVariables, type ConfigValues } from '@tsunagu/platform-config';

/** The registry reads only the platform variables (docs/configuration.md). */
export const registryVariables = { ...platformVariables } as const;
export type RegistryConfig = ConfigValues<typeof registryVariables>;
