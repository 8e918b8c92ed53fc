import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every link and picture the panel renders goes through a vetted URL: the panel's own routes
 * (`routeHref`), or `toSafeLinkedInUrl` / `toSafeAvatarUrl` (lib/model/safe-urls.ts), whose result
 * is what is rendered. Read from the components' source, so a new `href` or `src` that takes a
 * stored value as it is fails here before it ships; the hostile e2e spec checks the rendered page.
 */

const COMPONENTS = resolve(import.meta.dirname, '../../../components');
const sources = readdirSync(COMPONENTS)
  .filter((name) => name.endsWith('.tsx'))
  .map((name) => ({ name, text: readFileSync(resolve(COMPONENTS, name), 'utf8') }));

const VETTED = '(?:routeHref|toSafeLinkedInUrl|toSafeAvatarUrl)\\(';
const VETTED_CALL = new RegExp(`^${VETTED}`);
/** `const href = vetted(…);`, or `const src = failed ? undefined : vetted(…);`. */
const VETTED_ASSIGNMENT = new RegExp(`^(?:[\\w.]+ \\? undefined : )?${VETTED}`);

/** Whether `expression` is a vetted call, or a name the file assigns from one. */
function isVetted(expression: string, file: string): boolean {
  if (VETTED_CALL.test(expression)) return true;
  if (!/^\w+$/.test(expression)) return false;
  const assignment = new RegExp(`const ${expression} = ([^;]+);`).exec(file)?.[1] ?? '';
  return VETTED_ASSIGNMENT.test(assignment);
}

describe('links and pictures in components', () => {
  const attributes = sources.flatMap(({ name, text }) =>
    [...text.matchAll(/\b(href|src)=(\{([^}]*)\}|"[^"]*"|'[^']*')/g)].map((match) => ({
      name,
      text,
      attribute: match[1]!,
      value: match[2]!,
      expression: match[3],
    })),
  );

  it('finds the links and pictures it checks', () => {
    expect(attributes.length).toBeGreaterThan(5);
    expect(attributes.some(({ attribute }) => attribute === 'src')).toBe(true);
  });

  it.each(
    sources.flatMap(({ name, text }) => [...text.matchAll(/\b(?:href|src)=\{([^}]*)\}/g)].map((match) => [name, match[1]!, text] as const)),
  )('%s: %s is a vetted URL', (_name, expression, text) => {
    expect(isVetted(expression.trim(), text)).toBe(true);
  });

  it('has no literal link or picture and no raw HTML', () => {
    for (const { name, value, expression } of attributes) expect(expression, `${name}: ${value}`).toBeDefined();
    for (const { name, text } of sources) expect(text, name).not.toMatch(/dangerouslySetInnerHTML|innerHTML\s*=|srcDoc|javascript:/);
  });
});
