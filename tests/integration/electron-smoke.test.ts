import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The same check as scripts/start.mjs: the binary electron's path.txt names, if it is there. */
function electronBinary(): string | null {
  const electronDirectory = join(import.meta.dirname, '..', '..', 'node_modules', 'electron');
  const pathFile = join(electronDirectory, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relativePath = readFileSync(pathFile, 'utf8').trim();
  if (!relativePath) return null;
  const binary = join(electronDirectory, 'dist', relativePath);
  return statSync(binary, { throwIfNoEntry: false })?.isFile() ? binary : null;
}

const binary = electronBinary();
const available = binary !== null;

describe('Electron smoke test', () => {
  it.skipIf(!available)(
    available ? 'the Electron binary runs and reports version 45.x' : 'skipped: the Electron binary is not installed on this machine',
    () => {
      // Without ELECTRON_RUN_AS_NODE, --version answers with Electron's version, not Node's.
      const env = { ...process.env };
      delete env.ELECTRON_RUN_AS_NODE;
      const version = execFileSync(binary ?? '', ['--version'], { encoding: 'utf8', env, timeout: 30_000 }).trim();
      expect(version).toMatch(/^v45\.\d+\.\d+/);
    },
  );
});
