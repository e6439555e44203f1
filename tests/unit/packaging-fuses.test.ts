import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The packaging config, read the way `npm run package` reads it (electron-builder's own loader and
 * its schema check), so a misspelt fuse or a config electron-builder would ignore fails here.
 */
const projectDirectory = join(import.meta.dirname, '..', '..');
const configFile = 'electron-builder.config.cjs';

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(projectDirectory, configFile, null);
  await validateConfiguration(config, new DebugLogger(false));
});

describe('packaging (electron-builder)', () => {
  it('is the config `npm run package` uses', () => {
    const packageJson = JSON.parse(readFileSync(join(projectDirectory, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(packageJson.scripts.package).toContain(`electron-builder --config ${configFile}`);
  });

  it('turns off running as Node, NODE_OPTIONS and the inspector', () => {
    expect(config.electronFuses?.runAsNode).toBe(false);
    expect(config.electronFuses?.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(config.electronFuses?.enableNodeCliInspectArguments).toBe(false);
  });

  it('loads the app only from an app.asar whose integrity is checked', () => {
    expect(config.electronFuses?.enableEmbeddedAsarIntegrityValidation).toBe(true);
    expect(config.electronFuses?.onlyLoadAppFromAsar).toBe(true);
    // Without an asar (or with its hash left out) those two fuses would protect nothing, or stop the app starting.
    expect(config.asar).not.toBe(false);
    expect(config.disableAsarIntegrity).not.toBe(true);
  });

  it('encrypts any cookie store with the operating system\'s keys', () => {
    expect(config.electronFuses?.enableCookieEncryption).toBe(true);
  });
});
