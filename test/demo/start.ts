import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { extensionLaunchArgs, findChromium } from '../e2e/support/chromium';
import { describeChanges } from './control-page';
import { DemoUsageError, extensionDirOf, parseDemoArgs, USAGE, type DemoOptions } from './args';
import { formatSummary } from './summary';
import { runTour } from './tour';
import {
  createDemoWorld,
  DEMO_LINKEDIN_TOKEN,
  DEMO_ORIGIN,
  DEMO_SABER_KEY,
  demoCompanyUrl,
  demoSearchUrl,
  serveDemo,
  type DemoWorld,
} from './world';

/**
 * `npm start`: builds the extension, opens Chromium with it in a throwaway profile, and answers
 * LinkedIn and Saber with the demo's fakes. With a display it waits for a person until Ctrl+C;
 * without one, or with `--headless`, it runs the scripted tour and exits non-zero if a step failed.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const OUT_DIR = join(ROOT, 'demo-output');

function readOptions(): DemoOptions {
  try {
    return parseDemoArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof DemoUsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
}

/** `wxt build`, into the folder `LISTWRIGHT_OUT_DIR` names (wxt.config.ts reads it too). */
function build(): void {
  console.log('Building the extension (wxt build)…');
  const wxt = join(ROOT, 'node_modules', '.bin', 'wxt');
  const result = spawnSync(wxt, ['build'], { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(result.error ? `Could not run wxt: ${result.error.message}` : 'The build failed; nothing was started.');
    process.exit(1);
  }
}

async function launch(extensionDir: string, headless: boolean, profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless,
    args: extensionLaunchArgs(extensionDir),
    // A person's window keeps its own size; the tour's pages set theirs.
    ...(headless ? {} : { viewport: null }),
    // Ctrl+C is ours to handle: close the browser, then delete the profile.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  return new URL(worker.url()).host;
}

async function runHeadless(context: BrowserContext, world: DemoWorld, extensionId: string, epoch: number): Promise<boolean> {
  console.log(`Running the tour in headless Chromium; screenshots, CSV files and summary.json go to demo-output/.`);
  const summary = await runTour({
    context,
    world,
    extensionId,
    outDir: OUT_DIR,
    epoch,
    onStep: (step) => console.log(`  ${step.status.padEnd(7)} ${String(step.number).padStart(2, '0')} ${step.title}`),
  });
  console.log(`\n${formatSummary(summary, relative(process.cwd(), OUT_DIR) || '.')}\nSummary: ${join(OUT_DIR, 'summary.json')}`);
  return summary.ok;
}

/**
 * Files the panel saves land in demo-output/downloads/ under their own names; without this,
 * Playwright would keep them under generated names in a folder it deletes on exit. The side
 * panel is no page Playwright follows, so the browser is told directly.
 */
async function keepDownloads(context: BrowserContext): Promise<string> {
  const folder = join(OUT_DIR, 'downloads');
  mkdirSync(folder, { recursive: true });
  const page = context.pages()[0] ?? (await context.newPage());
  const session = await context.newCDPSession(page);
  await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: folder });
  return folder;
}

async function runHeaded(context: BrowserContext, world: DemoWorld, extensionId: string): Promise<void> {
  const downloads = await keepDownloads(context);
  const panelUrl = `chrome-extension://${extensionId}/sidepanel.html`;
  const control = context.pages()[0] ?? (await context.newPage());
  for (const url of [panelUrl, demoSearchUrl(world.population), demoCompanyUrl(world.population)]) {
    await (await context.newPage()).goto(url);
  }
  await control.goto(`${DEMO_ORIGIN}/`);
  await control.bringToFront();
  const { population } = world;
  console.log(
    [
      '',
      'Listwright is running in Chromium with the built-in demo. Nothing reaches the real LinkedIn or Saber.',
      '',
      '  Open the side panel: puzzle-piece icon in the toolbar → Listwright (pin it to keep it).',
      '  Tabs: the demo page (start here), the panel in a tab, a Sales Navigator search (the panel offers',
      '  "Use this search"), and Stripe’s company page (New list fills the company in).',
      '',
      `  Saber API key for Settings:  ${DEMO_SABER_KEY}`,
      `  LinkedIn access token:       ${DEMO_LINKEDIN_TOKEN} (address-book export, not built yet)`,
      `  Demo page:                   ${DEMO_ORIGIN}/ ("Move the demo a month on" changes the population)`,
      `  Downloads:                   ${downloads}`,
      '',
      `  Demo month ${population.epoch}: ${population.activePeople().length} people at ${population.leadCompanies().length} companies and elsewhere,`,
      `  ${population.leadLists().length} saved lead lists, ${population.connections().length} connections, ${population.addressBook().length} address-book entries,`,
      `  ${world.saber.allLists().length} lists on Saber.`,
      '',
      'Ctrl+C closes Chromium and deletes its profile.',
    ].join('\n'),
  );
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
    context.once('close', stop);
  });
}

async function main(): Promise<void> {
  const options = readOptions();
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (!options.skipBuild) build();
  const extensionDir = extensionDirOf(ROOT, process.env);
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    console.error(`No built extension in ${extensionDir}: run npm start without --skip-build.`);
    process.exit(1);
  }
  if (options.headlessBecause === 'noDisplay') console.log('No display (DISPLAY or WAYLAND_DISPLAY): running the headless tour.');

  const world = createDemoWorld({ epoch: options.epoch });
  const profile = mkdtempSync(join(tmpdir(), 'listwright-demo-'));
  let ok = false;
  let context: BrowserContext | undefined;
  try {
    context = await launch(extensionDir, options.headless, profile);
    await serveDemo(context, world, (changes) => console.log(`Demo moved on. ${describeChanges(changes, world.population.date)}`));
    const extensionId = await extensionIdOf(context);
    if (options.headless) {
      ok = await runHeadless(context, world, extensionId, options.epoch);
    } else {
      await runHeaded(context, world, extensionId);
      ok = true;
    }
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
  if (!options.headless) console.log('Chromium closed; its profile is deleted.');
  process.exit(ok ? 0 : 1);
}

await main();
