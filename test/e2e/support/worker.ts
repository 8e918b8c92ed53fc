import { expect, type BrowserContext, type Page } from '@playwright/test';
import { sendMessage } from './extension';

/**
 * Stops the extension's service worker the way Chrome does when it idles it out (DevTools
 * protocol `Target.closeTarget`), and waits until it is gone. Whatever it was doing dies with it:
 * a request in flight is never answered, in-memory state is lost.
 */
export async function stopServiceWorker(context: BrowserContext, page: Page, extensionOrigin: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const worker = targetInfos.find((target) => target.type === 'service_worker' && target.url.startsWith(extensionOrigin));
    expect(worker, 'the extension has a running service worker').toBeDefined();
    await cdp.send('Target.closeTarget', { targetId: worker!.targetId });
    await expect
      .poll(async () => (await cdp.send('Target.getTargets')).targetInfos.some((target) => target.targetId === worker!.targetId))
      .toBe(false);
  } finally {
    await cdp.detach();
  }
}

/** Starts the worker again as the panel opening does: a message, answered once the new worker runs. */
export async function wakeServiceWorker(page: Page): Promise<void> {
  const answered = async () => ((await sendMessage(page, 'ping', {}).catch(() => undefined)) as { ok?: boolean } | undefined)?.ok;
  await expect.poll(answered, { timeout: 15_000 }).toBe(true);
}
