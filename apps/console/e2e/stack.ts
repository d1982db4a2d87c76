import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** deploy/local is the repository's stack runner (plain CommonJS scripts, not an Nx project). */
const STACK_API = fileURLToPath(new URL('../../../deploy/local/stack-api.cjs', import.meta.url));

export interface RunningStack {
  url: string;
  services: string[];
  consoleBuilt: boolean;
  stop: () => Promise<void>;
}

/** The real local stack (deploy/local/stack-api.cjs) on a throwaway data directory and a free port. */
export async function startStack(apps: string[]): Promise<RunningStack> {
  const { startStack: start } = require(STACK_API) as { startStack: (options: { apps?: string[] }) => Promise<RunningStack> };
  return start({ apps });
}
