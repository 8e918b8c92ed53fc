// The layering of the code (README "Structure"): imports only go downwards. `npm run deps` checks it.
//
// Each wrong import is reported by one rule only, the one whose message says most: an import of the UI
// from lib/ is `lib-has-no-ui`, of test code `not-to-test`, of one adapter by the other
// `adapters-stay-apart`; the "only imports" rules below list what else is out of bounds.
// test/unit/tooling/dependency-rules.test.ts proves every rule on test/fixtures/dependency-rules/.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'model-is-pure',
      severity: 'error',
      comment: 'lib/model is the pure data model (zod schemas, identity keys, ApiError); it imports nothing of lib/ outside lib/model.',
      from: { path: '^lib/model/' },
      to: { path: '^lib/', pathNot: '^lib/model/' },
    },
    {
      name: 'adapters-are-pure',
      severity: 'error',
      comment: 'The LinkedIn and Saber adapters build requests and parse responses; of lib/ they import only lib/model and themselves.',
      from: { path: '^lib/(linkedin|saber)/' },
      to: { path: '^lib/', pathNot: '^lib/(model|linkedin|saber)/' },
    },
    {
      name: 'adapters-stay-apart',
      severity: 'error',
      comment: 'lib/linkedin and lib/saber never import each other: what one needs of the other goes through lib/model.',
      from: { path: '^lib/(linkedin|saber)/' },
      to: { path: '^lib/(linkedin|saber)/', pathNot: '^lib/$1/' },
    },
    {
      name: 'db-is-storage',
      severity: 'error',
      comment: 'lib/db is storage (Dexie) over the model; of lib/ it imports only lib/model.',
      from: { path: '^lib/db/' },
      to: { path: '^lib/', pathNot: '^lib/(db|model)/' },
    },
    {
      name: 'sync-engine',
      severity: 'error',
      comment: 'The Saber sync engine (lib/sync) works on the model, the storage and the Saber adapter only.',
      from: { path: '^lib/sync/' },
      to: { path: '^lib/', pathNot: '^lib/(sync|model|db|saber)/' },
    },
    {
      name: 'jobs-below-app',
      severity: 'error',
      comment: 'lib/jobs sits below the app wiring: it never imports lib/app or lib/messaging (nor the UI, which lib-has-no-ui reports).',
      from: { path: '^lib/jobs/' },
      to: { path: '^lib/(app|messaging)/' },
    },
    {
      name: 'lib-has-no-ui',
      severity: 'error',
      comment: 'Nothing in lib/ imports components/ or entrypoints/: the UI and the entry points sit on top of lib/.',
      from: { path: '^lib/' },
      to: { path: '^(components|entrypoints)/' },
    },
    {
      name: 'components-render-only',
      severity: 'error',
      comment: 'components/ render React: they reach adapters, jobs and sync only through the background (messaging), never by import.',
      from: { path: '^components/' },
      to: { path: '^lib/(linkedin|saber|jobs|sync|app)/' },
    },
    {
      name: 'not-to-test',
      severity: 'error',
      comment: 'Shipped code (lib/, components/, entrypoints/) never imports test code, fakes or fixtures.',
      from: { path: '^(lib|components|entrypoints)/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules import each other in a cycle: break it by moving the shared part down a layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-folders-acyclic',
      severity: 'error',
      comment:
        'Folders of lib/ depend on each other in a cycle (two folders both ways, or round a ring): one of them belongs lower. ' +
        'A folder depends on another when any of its modules imports one of the other.',
      scope: 'folder',
      from: { path: '^lib/[^/]+$' },
      to: { path: '^lib/[^/]+$', circular: true },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module of lib/ that nothing imports and that imports nothing is dead code: use it or remove it.',
      from: { orphan: true, path: '^lib/', pathNot: '\\.d\\.[cm]?ts$' },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve to a file or a package; left alone, every rule above would pass over it.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(test/fixtures/dependency-rules/|test/bench/\\.dist/|\\.output|\\.wxt/)' },
    // Type-only imports tie layers together as much as value imports do.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    progress: { type: 'none' },
  },
};
