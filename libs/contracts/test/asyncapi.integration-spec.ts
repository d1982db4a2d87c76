import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { allEventContracts, allRpcContracts, asyncApiDocument } from '../src';

// The committed document is what operators and other teams read; it must never drift from the contracts.
const target = join(__dirname, '..', '..', '..', 'docs', 'api', 'asyncapi.json');

describe('docs/api/asyncapi.json', () => {
  const generated = `${JSON.stringify(asyncApiDocument({ events: allEventContracts, rpcs: allRpcContracts }), null, 2)}\n`;

  it('matches the contracts (run with UPDATE_DOCS=1 to rewrite it)', () => {
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(target, generated);
    expect(existsSync(target)).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(generated);
  });

  it('has one channel per event subject and RPC subject', () => {
    const document = JSON.parse(generated) as { channels: Record<string, unknown> };
    const subjects = new Set([...allEventContracts.map((contract) => contract.subject), ...allRpcContracts.map((rpc) => rpc.subject)]);
    expect(Object.keys(document.channels).sort()).toEqual([...subjects].sort());
  });
});
