import { z } from 'zod';

// Extension pages forbid `eval`; zod's JIT probes for it and the CSP reports every probe.
// Every schema module imports `z` from here so the setting is applied before any schema exists.
// https://zod.dev/api?id=jitless
z.config({ jitless: true });

export { z };
