import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The JavaScript a page of the build loads, split by when it loads. */
export interface ScriptGraph {
  /** Entry scripts, module preloads and everything they import statically: loaded on open. */
  initial: string[];
  /** Chunks only reachable through `import()`: loaded on first use (e.g. the CSV exporter). */
  lazy: string[];
}

const SCRIPT_SRC = /<script\b[^>]*\bsrc="([^"]+)"/g;
const LINK_TAG = /<link\b[^>]*>/g;
// Minified chunks spell imports as `import{a as b}from"./x.js"`, `import"./x.js"`,
// `export{a}from"./x.js"` and `import(\`./x.js\`)`, with any of the three quotes.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{},\s]*?from\s*)?["'`]([^"'`\n]+?\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`\n]+?\.js)["'`]\s*\)/g;

/**
 * Follows `page` (e.g. `sidepanel.html`) of the built extension in `root`: its `<script src>`
 * and `<link rel="modulepreload">`, then every chunk's static imports. Paths are relative to
 * `root`, e.g. `chunks/sidepanel-DR6i_vLA.js`.
 */
export function readScriptGraph(root: string, page: string): ScriptGraph {
  const html = readFileSync(join(root, page), 'utf8');
  const entries = [
    ...[...html.matchAll(SCRIPT_SRC)].map((match) => match[1] ?? ''),
    ...[...html.matchAll(LINK_TAG)]
      .map((match) => match[0])
      .filter((tag) => /\brel="modulepreload"/.test(tag))
      .map((tag) => /\bhref="([^"]+)"/.exec(tag)?.[1] ?? ''),
  ].map((src) => resolveFrom(page, src));

  const initial = walk(root, entries, () => true);
  const notInitial = (file: string) => !initial.includes(file);
  const lazyEntries = initial.flatMap((file) => importsOf(root, file, DYNAMIC_IMPORT)).filter(notInitial);
  const lazy = walk(root, lazyEntries, notInitial);
  return { initial, lazy };
}

/** Bytes of `file` (relative to `root`) after gzip at the default level, as a server or the Web Store would send it. */
export function gzipSize(root: string, file: string): number {
  return gzipSync(readFileSync(join(root, file))).length;
}

function walk(root: string, entries: readonly string[], keep: (file: string) => boolean): string[] {
  const seen: string[] = [];
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.includes(file) || !keep(file)) continue;
    if (!existsSync(join(root, file))) throw new Error(`${file} is imported but not in the build`);
    seen.push(file);
    queue.push(...importsOf(root, file, STATIC_IMPORT));
  }
  return seen;
}

function importsOf(root: string, file: string, pattern: RegExp): string[] {
  const code = readFileSync(join(root, file), 'utf8');
  return [...code.matchAll(pattern)].map((match) => resolveFrom(file, match[1] ?? ''));
}

/** `specifier` as imported from `from`, as a path relative to the build root. */
function resolveFrom(from: string, specifier: string): string {
  return new URL(specifier, `https://build.invalid/${from}`).pathname.replace(/^\//, '');
}
