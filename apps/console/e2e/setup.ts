import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { describeViolations, launchChromium, screenshot, seriousA11yViolations } from './browser';
import { hasCount } from './expect';
import { activePage, ConsoleSession } from './pages';
import { startStack, type RunningStack } from './stack';

export interface ConsoleE2e {
  readonly stack: RunningStack;
  readonly browser: Browser;
  /** Signs a demo user in through the idp's login page. */
  login(username: string): Promise<ConsoleSession>;
}

/**
 * One e2e file's real stack (the given apps, a throwaway data directory) and Chromium: started before its tests,
 * stopped after them; a failing test leaves a screenshot named `failed-<prefix><test>`.
 */
export function useConsoleStack(apps: string[], label: string, screenshotPrefix = ''): ConsoleE2e {
  const started = Date.now();
  let stack: RunningStack | undefined;
  let browser: Browser | undefined;
  const running = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is not running (beforeAll failed?)`);
    return value;
  };
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(apps), launchChromium()]);
    expect(stack.consoleBuilt).toBe(true);
    console.log(`stack ready at ${stack.url} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    console.log(`${label} finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && activePage && !activePage.isClosed()) {
      await screenshot(activePage, `failed-${screenshotPrefix}${context.task.name.replace(/[^\w-]+/g, '-').slice(0, 60)}`).catch(() => undefined);
    }
  });
  return {
    get stack() {
      return running(stack, 'stack');
    },
    get browser() {
      return running(browser, 'browser');
    },
    login: (username) => ConsoleSession.login(running(browser, 'browser'), running(stack, 'stack').url, username),
  };
}

/** Screenshot of the settled screen, then axe: no serious or critical WCAG 2.1 AA violation. */
export async function expectAccessible(session: ConsoleSession, screen: string): Promise<void> {
  await session.page.waitForLoadState('networkidle');
  // Menus and popovers animate in and out: check the settled screen.
  await hasCount(session.page.locator('.MuiPopover-root, .MuiMenu-root, [role="listbox"]').filter({ visible: true }), 0);
  // And after the data has arrived: react-admin's list loading bar is a transient progressbar of the loading screen.
  await hasCount(session.page.locator('[role="progressbar"]').filter({ visible: true }), 0);
  // And after colours have stopped moving: a save button fading from disabled to enabled once a field is typed in was
  // caught half-way (a contrast of 2.1 that the settled button does not have). Endless ones (spinners) are not waited for.
  await session.page.waitForFunction(
    () => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().iterations === Infinity),
    undefined,
    { timeout: 10_000 },
  );
  await screenshot(session.page, screen);
  // The console works under its strict CSP (no inline script or style): nothing was refused on the way here.
  expect(session.cspViolations, `${screen}: CSP violations`).toEqual([]);
  const violations = await seriousA11yViolations(session.page);
  expect(violations, `${screen}:\n${describeViolations(violations)}`).toEqual([]);
}
