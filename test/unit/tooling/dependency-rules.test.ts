import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { beforeAll, describe, expect, it } from 'vitest';

// The real config, run over a miniature of the repository whose every rule-breaking import is marked
// in its source (test/fixtures/dependency-rules/README.md). Paths are as dependency-cruiser reports
// them: from the fixture's root, so the config's `^lib/…` patterns read them as they read the tree.
const configFile = fileURLToPath(new URL('../../../.dependency-cruiser.cjs', import.meta.url));
const fixtureRoot = fileURLToPath(new URL('../../fixtures/dependency-rules', import.meta.url));

const expected: Record<string, string[]> = {
  'model-is-pure': ['lib/model/leaks.ts → lib/app/wire.ts'],
  'adapters-are-pure': ['lib/linkedin/client.ts → lib/db/store.ts'],
  'adapters-stay-apart': ['lib/saber/api.ts → lib/linkedin/client.ts'],
  'db-is-storage': ['lib/db/store.ts → lib/csv/a.ts'],
  'sync-engine': ['lib/sync/engine.ts → lib/linkedin/client.ts'],
  'jobs-below-app': ['lib/jobs/run.ts → lib/app/wire.ts', 'lib/jobs/run.ts → lib/messaging/protocol.ts'],
  'lib-has-no-ui': ['lib/csv/export.ts → components/view.tsx'],
  'components-render-only': ['components/view.tsx → lib/jobs/run.ts'],
  'not-to-test': ['components/view.tsx → test/helper.ts', 'entrypoints/background.ts → test/helper.ts'],
  'no-circular': ['lib/csv/a.ts → lib/csv/b.ts'],
  'lib-folders-acyclic': ['lib/jobs → lib/messaging', 'lib/messaging → lib/jobs'],
  'no-orphans': ['lib/csv/unused.ts → lib/csv/unused.ts'],
  'not-to-unresolvable': ['lib/model/typo.ts → ./missing'],
};

let options: ICruiseOptions;
let result: ICruiseResult;

beforeAll(async () => {
  options = await extractDepcruiseOptions(configFile);
  const { output } = await cruise(['lib', 'components', 'entrypoints', 'test'], { ...options, baseDir: fixtureRoot });
  if (typeof output === 'string') throw new Error('dependency-cruiser returned a formatted report instead of its result');
  result = output;
});

function reportedBy(rule: string): string[] {
  return result.summary.violations
    .filter((violation) => violation.rule.name === rule)
    .map((violation) => `${violation.from} → ${violation.to}`)
    .sort();
}

describe('dependency rules (.dependency-cruiser.cjs) on test/fixtures/dependency-rules', () => {
  it('has a fixture case for every rule of the config, each an error', () => {
    const rules = options.ruleSet?.forbidden ?? [];
    expect(rules.map((rule) => rule.name).sort()).toEqual(Object.keys(expected).sort());
    expect(rules.filter((rule) => rule.severity !== 'error')).toEqual([]);
  });

  it.each(Object.entries(expected))('%s reports exactly the imports marked for it', (rule, pairs) => {
    expect(reportedBy(rule)).toEqual([...pairs].sort());
  });

  it('reports nothing besides, so every allowed import in the fixture passes', () => {
    expect(result.summary.violations).toHaveLength(Object.values(expected).flat().length);
    expect(result.summary.error).toBe(Object.values(expected).flat().length);
  });

  it('passes over the TypeScript declaration file that nothing imports', () => {
    expect(result.modules.map((module) => module.source)).toContain('lib/model/globals.d.ts');
  });
});
