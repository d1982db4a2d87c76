import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

/** Web-first waits on top of playwright-core (which has no test runner assertions). */
const TIMEOUT = 15_000;

export async function shows(locator: Locator, timeout = TIMEOUT): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/** Waits until nothing matching is visible (a notification that auto-hides, a closed dialog). */
export async function disappears(locator: Locator, timeout = TIMEOUT): Promise<void> {
  await expect.poll(() => locator.count().then(async (count) => (count === 0 ? false : locator.first().isVisible())), { timeout }).toBe(false);
}

export async function hasCount(locator: Locator, count: number, timeout = TIMEOUT): Promise<void> {
  await expect.poll(() => locator.count(), { timeout }).toBe(count);
}

export async function hasValue(locator: Locator, value: string, timeout = TIMEOUT): Promise<void> {
  await expect.poll(() => locator.inputValue(), { timeout }).toBe(value);
}

export async function containsText(locator: Locator, pattern: RegExp, timeout = TIMEOUT): Promise<void> {
  await expect.poll(async () => (await locator.textContent()) ?? '', { timeout }).toMatch(pattern);
}
