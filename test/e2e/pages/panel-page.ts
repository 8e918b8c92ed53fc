import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Where `screenshot` writes: an ignored folder, so a test run never rewrites a tracked file;
 * `npm run screenshots` points it at `docs/screenshots` to refresh the README's pictures.
 */
const SCREENSHOTS = resolve(import.meta.dirname, '../../..', process.env.LISTWRIGHT_SCREENSHOTS_DIR ?? 'test/.screenshots');

/** A typical side panel: Chrome opens it about 400 px wide beside the page. */
export const PANEL_VIEWPORT = { width: 400, height: 860 };

/** The side panel page of the built extension, opened in a tab. */
export class PanelPage {
  constructor(
    readonly page: Page,
    private readonly extensionUrl: (path: string) => string,
  ) {}

  /** Opens the panel on a view (`#/settings`, `#/lists/<id>`), and waits for its shell. */
  async open(hash = ''): Promise<void> {
    await this.page.setViewportSize(PANEL_VIEWPORT);
    await this.page.goto(this.extensionUrl(`sidepanel.html${hash}`));
    await expect(this.page.getByRole('heading', { level: 1, name: 'Listwright' })).toBeVisible();
  }

  /** One of the main navigation's entries: "Lists", "New list" or "Settings". */
  nav(name: 'Lists' | 'New list' | 'Settings'): Locator {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  }

  /** The current view's title. */
  viewHeading(name: string | RegExp): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 2, name });
  }

  get jobs(): Locator {
    return this.page.getByRole('region', { name: 'Jobs' });
  }

  /** Runs axe-core on the page as it is and fails on any serious or critical violation. */
  async expectAccessible(state: string): Promise<void> {
    const { violations } = await new AxeBuilder({ page: this.page }).analyze();
    const blocking = violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        state,
        rule: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
      }));
    expect(blocking, `axe violations (${state})`).toEqual([]);
  }

  /** Fails when the panel scrolls sideways at its current width (it must fit 320 to 600 px). */
  async expectFitsWidth(): Promise<void> {
    const wide = await this.page.evaluate(() =>
      [document.documentElement, ...document.querySelectorAll('.app > *')]
        .filter((element) => element.scrollWidth > element.clientWidth)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className} (${element.scrollWidth} > ${element.clientWidth})`),
    );
    expect(wide, 'parts of the panel scrolling sideways').toEqual([]);
  }

  /** Saves `<name>.png` in the screenshots folder (see `SCREENSHOTS`). */
  async screenshot(name: string): Promise<void> {
    // No hover highlight from the last click, fonts loaded: stable pictures.
    await this.page.mouse.move(0, 0);
    await this.page.evaluate(() => document.fonts.ready);
    await this.page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
  }
}
