/**
 * Retries an assertion until it passes or the timeout expires — for effects that arrive
 * asynchronously (events, relays). Rethrows the last failure so the test shows why.
 */
export async function expectEventually<T>(assertion: () => Promise<T> | T, { timeoutMs = 10000, intervalMs = 50 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await assertion();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
  throw lastError ?? new Error(`condition not met within ${timeoutMs} ms`);
}
