import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** How `npm start` runs: with a window for a person, or the scripted tour without one. */
export interface DemoOptions {
  headless: boolean;
  /** Why the run is headless: asked for with `--headless`, or no display to open a window on. */
  headlessBecause?: 'asked' | 'noDisplay';
  /** Months the demo population starts on: each one has people leave, join and change title. */
  epoch: number;
  /** Use the extension already built instead of running `wxt build` first. */
  skipBuild: boolean;
  help: boolean;
}

/** The most months `--epoch` may move the demo on; more only makes startup slower. */
export const MAX_EPOCH = 24;

/** What `npm start -- --help` prints. */
export const USAGE = [
  'npm start [-- options]',
  '',
  '  --headless      run the scripted tour in headless Chromium and exit (the default without a display)',
  `  --epoch <n>     start the demo population n months on (0 to ${MAX_EPOCH}, default 0)`,
  '  --skip-build    use the extension already built instead of building it first',
  '  -h, --help      print this and exit',
  '',
  'LISTWRIGHT_OUT_DIR builds into another folder than .output; CHROMIUM_PATH picks the browser.',
].join('\n');

/** A command line `npm start` cannot run; the message names the option. */
export class DemoUsageError extends Error {}

/**
 * Reads `npm start`'s options (what follows `--`). Without `DISPLAY` or `WAYLAND_DISPLAY`
 * there is no window to open, so the run is headless whatever was asked.
 */
export function parseDemoArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): DemoOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        headless: { type: 'boolean', default: false },
        epoch: { type: 'string', default: '0' },
        'skip-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new DemoUsageError(error instanceof Error ? error.message : String(error));
  }
  const epoch = Number(values.epoch);
  if (!/^\d+$/.test(values.epoch) || epoch > MAX_EPOCH) {
    throw new DemoUsageError(`--epoch must be a whole number from 0 to ${MAX_EPOCH}, not "${values.epoch}"`);
  }
  const hasDisplay = !!(env.DISPLAY || env.WAYLAND_DISPLAY);
  const headlessBecause = values.headless ? 'asked' : hasDisplay ? undefined : 'noDisplay';
  return {
    headless: headlessBecause !== undefined,
    ...(headlessBecause ? { headlessBecause } : {}),
    epoch,
    skipBuild: values['skip-build'],
    help: values.help,
  };
}

/** The built extension `wxt build` writes, honouring `LISTWRIGHT_OUT_DIR` as wxt.config.ts does. */
export function extensionDirOf(root: string, env: Readonly<Record<string, string | undefined>>): string {
  return resolve(root, env.LISTWRIGHT_OUT_DIR ?? '.output', 'chrome-mv3');
}
