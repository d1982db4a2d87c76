import type { Reply } from './test-http';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * One role's answers to a list contract (issue 14's plain-row reads): each path's exact body — key order, types, item
 * order, totals, masking — or, where the role is refused, only its status (a problem's request id changes every run).
 * Keyed by the path with ids as `<id>`, so the snapshot holds across fresh databases. `normalise` rewrites a body
 * first (e.g. times relative to the load day).
 */
export async function listContractAnswers(get: (path: string) => Promise<Reply>, paths: readonly string[], normalise: (text: string) => string = (text) => text): Promise<Record<string, string>> {
  const answers: Record<string, string> = {};
  for (const path of paths) {
    const reply = await get(path);
    if (reply.status !== 200 && reply.status !== 403) throw new Error(`${path} answered ${reply.status}: ${reply.text}`);
    answers[path.replace(UUID, '<id>')] = reply.status === 200 ? normalise(reply.text) : `${reply.status}`;
  }
  return answers;
}
