// `npm start`: make sure the Electron binary is here, build PlanWell, then run it.
// Electron's own install script is disabled at `npm install` (see "allowScripts" in package.json),
// so the binary is fetched here, the first time it is needed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const projectDirectory = join(import.meta.dirname, '..');
const electronDirectory = join(projectDirectory, 'node_modules', 'electron');

/** The binary named by electron's path.txt, if it is really there; otherwise null. */
function electronBinary() {
  const pathFile = join(electronDirectory, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relativePath = readFileSync(pathFile, 'utf8').trim();
  if (!relativePath) return null;
  const binary = join(electronDirectory, 'dist', relativePath);
  return statSync(binary, { throwIfNoEntry: false })?.isFile() ? binary : null;
}

let binary = electronBinary();
if (!binary) {
  const install = spawnSync(process.execPath, [join(electronDirectory, 'install.js')], { stdio: 'inherit' });
  binary = install.status === 0 ? electronBinary() : null;
}
if (!binary) {
  console.error(
    '\nPlanWell could not start because the Electron binary could not be downloaded. ' +
      'This machine may be offline or behind a firewall that blocks the download. ' +
      'Nothing was changed. To run PlanWell in a browser instead, use `npm run demo`.\n',
  );
  process.exit(1);
}

// electron-vite's JavaScript entry, run with this Node: works the same on Windows, where
// node_modules/.bin holds .cmd shims that cannot be spawned without a shell.
const build = spawnSync(process.execPath, [join(projectDirectory, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  stdio: 'inherit',
  cwd: projectDirectory,
});
if (build.status !== 0) process.exit(build.status ?? 1);

// `electron .`: Electron reads "main" (out/main/index.js) from package.json.
const run = spawnSync(binary, [projectDirectory], { stdio: 'inherit', cwd: projectDirectory });
process.exit(run.status ?? 1);
