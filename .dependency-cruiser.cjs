/**
 * The layering rule (docs/ARCHITECTURE.md). Each folder is a layer and imports point down only.
 * It fails closed: a package nobody has placed in a layer may not be imported anywhere.
 */
const rendererPackages = [
  'react', 'react-dom', 'react-hook-form', '@hookform/resolvers', '@tanstack/react-table',
  '@tanstack/react-virtual', 'wouter', 'zod', 'nhsuk-frontend', '@fontsource/atkinson-hyperlegible', 'papaparse', 'recharts',
];
const mainPackages = ['better-sqlite3-multiple-ciphers', 'kysely', 'zod', 'react', 'react-dom', 'papaparse', 'pdf-lib', 'playwright-core'];
const packagePattern = (names) => `^(node_modules/)?(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(/|$)`;

module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'src-shared runs in both worlds: only itself, zod and diff (pure libraries, no I/O).',
      severity: 'error',
      from: { path: '^src-shared/' },
      to: { pathNot: ['^src-shared/', '(^|/)node_modules/(zod|diff)/'] },
    },
    {
      name: 'renderer-has-no-node',
      comment: 'The renderer is a sandboxed web page: no Node, no electron, no main-process code.',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: {
        pathNot: ['^src-renderer/', '^src-shared/', packagePattern(rendererPackages)],
      },
    },
    {
      name: 'node-builtins-only-in-main',
      severity: 'error',
      from: { pathNot: '^src-main/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'electron-only-in-the-shell',
      comment: 'Only src-main/index.ts, src-main/electron/ and src-main/preload/ may import electron.',
      severity: 'error',
      from: { path: '^src-main/', pathNot: ['^src-main/index\\.ts$', '^src-main/electron/', '^src-main/preload/'] },
      to: { path: '(^|/)node_modules/electron/' },
    },
    {
      name: 'preload-is-tiny',
      comment: 'The preload may use electron and the invoke channel name only.',
      severity: 'error',
      from: { path: '^src-main/preload/' },
      to: { pathNot: ['(^|/)node_modules/electron/', '^src-main/electron/invoke-channel\\.ts$'] },
    },
    {
      name: 'main-packages-are-known',
      comment: 'Fail closed: a package the main process uses must be listed here first.',
      severity: 'error',
      from: { path: '^src-main/', pathNot: ['^src-main/preload/'] },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'],
        pathNot: [packagePattern([...mainPackages, 'electron'])],
      },
    },
    {
      name: 'services-not-from-transports',
      comment: 'Services, db, auth and ipc never reach up into the transports.',
      severity: 'error',
      from: { path: '^src-main/(services|db|auth|ipc|demo)/' },
      to: { path: '^src-main/(electron|preview|preload)/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.main.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.(scss|css)$' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
