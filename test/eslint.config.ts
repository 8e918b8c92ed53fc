import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The config lives in test/ (the top level holds only what the project's layout names). Given with -c,
// a config's patterns are read from the working directory; anchoring them at the repository root keeps
// `components/**` meaning the repository's components/ whichever folder ESLint is started in.
const root = fileURLToPath(new URL('..', import.meta.url));

const rules = defineConfig(
  globalIgnores(['.output*/', '.wxt/', 'test/bench/.dist/', 'node_modules/', 'test/fixtures/dependency-rules/']),
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // A promise nobody awaits loses its failure silently (in the service worker above all); `void` marks
      // the ones let go on purpose. Tests keep it too: an un-awaited `expect(...).rejects` asserts nothing.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      // Fakes and handlers implement promise-returning interfaces without awaiting anything; `async` there
      // keeps a throw a rejection, so the rule would only ask for noise.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Vitest types its asymmetric matchers (`expect.any`, `expect.objectContaining`, ...) as `any`, so every
    // `toMatchObject({ id: expect.any(String) })` reads as an unsafe assignment. Playwright types its own, so
    // the rule stays on for the end-to-end tests and the rest of test/; the other unsafe-* rules stay on everywhere.
    files: ['test/unit/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}', 'test/**/*.tsx'],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    files: ['**/*.tsx'],
    extends: [jsxA11y.flatConfigs.recommended],
  },
);

export default defineConfig({ basePath: root, extends: rules });
