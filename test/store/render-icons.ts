import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { findChromium } from '../e2e/support/chromium';

/**
 * `npm run icons`: renders every icon and the store's promo tile from docs/store/icon.svg in
 * Chromium, so the PNGs come from one committed source and the same command remakes them.
 *
 * - public/icon/{16,32,48}.png: the manifest's icons, the glyph filling the square.
 * - public/icon/128.png: the manifest's and the Chrome Web Store's icon: a 96×96 glyph inside
 *   16 px of transparent padding, as the store asks.
 * - docs/store/promo-small-440x280.png: the listing's small promo tile.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const GLYPH = `data:image/svg+xml;base64,${readFileSync(resolve(ROOT, 'docs/store/icon.svg')).toString('base64')}`;

const ICONS = [
  { file: 'public/icon/16.png', size: 16, glyph: 16 },
  { file: 'public/icon/32.png', size: 32, glyph: 32 },
  { file: 'public/icon/48.png', size: 48, glyph: 48 },
  { file: 'public/icon/128.png', size: 128, glyph: 96 },
];

const PROMO = { file: 'docs/store/promo-small-440x280.png', width: 440, height: 280 };

function iconHtml(size: number, glyph: number): string {
  const inset = (size - glyph) / 2;
  return `<!doctype html><html><body style="margin:0;background:transparent">
    <img src="${GLYPH}" width="${glyph}" height="${glyph}" style="position:absolute;left:${inset}px;top:${inset}px" alt="">
  </body></html>`;
}

function promoHtml(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; width: ${PROMO.width}px; height: ${PROMO.height}px; display: flex; align-items: center; gap: 22px;
      padding: 0 34px; box-sizing: border-box; background: linear-gradient(135deg, #eef2ff, #e0f2fe); font-family: 'DejaVu Sans', sans-serif; }
    h1 { margin: 0 0 10px; font-size: 40px; letter-spacing: -0.02em; color: #1e1b4b; }
    p { margin: 0; font-size: 18px; line-height: 1.3; color: #334155; }
  </style></head><body>
    <img src="${GLYPH}" width="112" height="112" alt="">
    <div><h1>Listwright</h1><p>Sales Navigator searches, saved as lists you keep</p></div>
  </body></html>`;
}

async function render(page: Page, html: string, width: number, height: number, file: string): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.setContent(html);
  await page.locator('img').evaluate((image: HTMLImageElement) => image.decode());
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: resolve(ROOT, file), omitBackground: true });
  console.log(`  ${file} (${width}×${height})`);
}

const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  console.log('Rendering docs/store/icon.svg:');
  for (const icon of ICONS) await render(page, iconHtml(icon.size, icon.glyph), icon.size, icon.size, icon.file);
  await render(page, promoHtml(), PROMO.width, PROMO.height, PROMO.file);
} finally {
  await browser.close();
}
