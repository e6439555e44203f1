import { mkdtempSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importMaximumFileBytes } from '../../src-shared/contract';
import { createApp } from '../app';
import { chromiumPrinter } from '../export/chromium-printer';
import { seedDemoPractice, type DemoLogIns } from '../demo/seed';
import { startPreviewHost } from './host';

/**
 * `npm run preview` and `npm run demo`: PlanWell in a browser, where Electron cannot run.
 * Built to out/main/preview.js; the renderer it serves is out/renderer.
 */
const { values } = parseArgs({
  options: {
    demo: { type: 'boolean', default: false },
    people: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
  },
  allowPositionals: false,
});

const projectDirectory = resolve(import.meta.dirname, '..', '..');
const port = Number(process.env.PLANWELL_PORT ?? 5199);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PLANWELL_PORT must be a port number, not "${process.env.PLANWELL_PORT}".`);
  process.exit(2);
}

let dataDirectory = process.env.PLANWELL_DATA_DIR ?? (values.demo ? '' : join(projectDirectory, 'data', 'preview'));
let credentials: DemoLogIns | undefined;
if (values.demo) {
  if (dataDirectory && existsSync(dataDirectory) && readdirSync(dataDirectory).length > 0) {
    console.error(`The demo needs an empty data directory, and ${dataDirectory} is not empty.`);
    process.exit(2);
  }
  dataDirectory ||= mkdtempSync(join(tmpdir(), 'planwell-demo-'));
  const people = Number(values.people);
  const seed = Number(values.seed);
  if (!Number.isInteger(people) || people < 0 || people > 1_000_000 || !Number.isInteger(seed)) {
    console.error('--people must be a whole number up to 1,000,000 and --seed a whole number.');
    process.exit(2);
  }
  console.log(`Making a demo practice with ${people.toLocaleString('en-GB')} synthetic people…`);
  credentials = await seedDemoPractice(dataDirectory, { people, seed });
}

const app = createApp({ dataDirectory, printer: chromiumPrinter(), automaticBackups: true });
const host = await startPreviewHost({
  dispatch: app.dispatch,
  rendererDirectory: join(projectDirectory, 'out', 'renderer'),
  port,
  // A CSV import sends the whole file as JSON text. Escaping can double it (every quotation mark and
  // line break becomes two characters), so a 10 MB file needs twice that, plus room for the rest.
  maximumBodyBytes: 2 * importMaximumFileBytes + 1024 * 1024,
});

console.log(`PlanWell is running at ${host.url}`);
console.log(`Data directory: ${dataDirectory}`);
if (credentials) {
  const { administrator, staff } = credentials;
  console.log(`Log in as "${administrator.username}" with the password "${administrator.password}" (administrator and link worker),`);
  for (const member of staff) {
    console.log(`  or as "${member.username}" with "${member.password}" (${member.fullName}, ${member.roles.join(', ')}).`);
  }
  console.log('Everyone in the demo is made up; their NHS numbers are from the 999 test range.');
}
console.log('Press Ctrl+C to stop.');

async function shutdown(): Promise<void> {
  await host.close();
  await app.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
