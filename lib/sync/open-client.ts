import { requireSaberKey } from '../db/settings-store';
import { failure } from '../model/errors';
import type { Clock, IdFactory } from '../model/runtime';
import { needsHostPermission, originPatternFor, type Settings } from '../model/settings';
import { RateLimitGate, SaberClient, type Random, type SaberClientOptions, type Sleep, type WhilePending } from '../saber/client';

/** Builds a client from the current settings; called once per job step or message. */
export type OpenSaberClient = () => Promise<SaberClient>;

/** The platform pieces the opener needs (storage, permissions, timers), injected. */
export interface SaberClientOpenerDeps {
  loadSettings: () => Promise<Settings>;
  /** `browser.permissions.contains` for one origin pattern. */
  hasHostPermission: (pattern: string) => Promise<boolean>;
  sleep: Sleep;
  clock: Clock;
  random: Random;
  newIdempotencyKey?: IdFactory;
  keepAlive?: () => Promise<void>;
  whilePending?: WhilePending;
  fetch?: SaberClientOptions['fetch'];
  retry?: SaberClientOptions['retry'];
  timeouts?: SaberClientOptions['timeouts'];
}

/**
 * Reads the settings each time (the key may have changed since the last step), refuses
 * clearly when the key is missing or a custom base URL was never granted, and shares one
 * rate-limit gate across every client it builds.
 */
export function createSaberClientOpener(deps: SaberClientOpenerDeps): OpenSaberClient {
  const gate = new RateLimitGate();
  return async () => {
    const settings = await deps.loadSettings();
    const apiKey = requireSaberKey(settings);
    const baseUrl = settings.saberBaseUrl;
    if (needsHostPermission(baseUrl) && !(await deps.hasHostPermission(originPatternFor(baseUrl)))) {
      throw failure(
        'forbidden',
        'saber.originNotGranted',
        { origin: new URL(baseUrl).origin },
        {
          details: [{ field: 'saberBaseUrl', message: 'Access to this origin was not granted' }],
        },
      );
    }
    return new SaberClient({
      baseUrl,
      apiKey,
      gate,
      sleep: deps.sleep,
      clock: deps.clock,
      random: deps.random,
      ...(deps.newIdempotencyKey ? { newIdempotencyKey: deps.newIdempotencyKey } : {}),
      ...(deps.keepAlive ? { keepAlive: deps.keepAlive } : {}),
      ...(deps.whilePending ? { whilePending: deps.whilePending } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.retry ? { retry: deps.retry } : {}),
      ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
    });
  };
}
