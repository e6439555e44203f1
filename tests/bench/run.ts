/**
 * `npm run bench`: measurements printed side by side from ONE run, so both columns share the
 * machine's mood. Nothing here is a test: no timing can make it fail.
 *
 *   a. Encrypted vs plain: the app's own insert and search code over an encrypted database and
 *      over a plain one (openDatabase's `unencryptedForBenchmark`).
 *   b. Log-in: the scrypt key derivation alone, and a whole `auth.logIn` through the dispatcher.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewPerson, SignedInUser } from '../../src-shared/contract';
import { formatNhsNumber } from '../../src-shared/domain/nhs-number';
import { createApp } from '../../src-main/app';
import { createSlot, defaultKdf, unwrapSlot } from '../../src-main/auth/keyring';
import { systemClock } from '../../src-main/clock';
import { openDatabase, type OpenedDatabase } from '../../src-main/db/database';
import { seedDemoPractice } from '../../src-main/demo/seed';
import { syntheticPeople } from '../../src-main/demo/synthetic-people';
import { searchPeople } from '../../src-main/services/people';
import { insertPeople } from '../../src-main/services/people-import';

const peopleCount = 10_000;
const searchCount = 200;
const insertRounds = 3;
const loginRounds = 5;
const seed = 20_261_124;

// ---------------------------------------------------------------------------------------------
// Numbers and tables

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function ms(value: number): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ms`;
}

function ratio(numerator: number, denominator: number): string {
  return denominator > 0 ? `${(numerator / denominator).toFixed(2)}×` : 'n/a';
}

function count(value: number): string {
  return value.toLocaleString('en-GB');
}

/** A plain-text table: the first column left-aligned, the rest right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('   ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('   '), ...rows.map(line)].join('\n');
}

async function time<T>(work: () => Promise<T>): Promise<{ value: T; elapsed: number }> {
  const start = performance.now();
  const value = await work();
  return { value, elapsed: performance.now() - start };
}

// ---------------------------------------------------------------------------------------------
// a. Encrypted vs plain

type Kind = 'encrypted' | 'plain';

interface BenchDatabase {
  opened: OpenedDatabase;
  user: SignedInUser;
}

/** A fresh database with one staff member, whom person.created_by can reference. */
async function freshDatabase(directory: string, kind: Kind, name: string): Promise<BenchDatabase> {
  const opened = await openDatabase(join(directory, `${name}.db`), {
    key: randomBytes(32),
    unencryptedForBenchmark: kind === 'plain',
  });
  const user: SignedInUser = { id: randomUUID(), username: 'bench.user', fullName: 'Bench User', roles: ['administrator'] };
  const timestamp = new Date().toISOString();
  await opened.db.insertInto('staff_user').values({
    id: user.id, username: user.username, full_name: user.fullName, active: 1, created_at: timestamp, updated_at: timestamp,
  }).execute();
  await opened.db.insertInto('staff_role').values({ user_id: user.id, role: 'administrator' }).execute();
  return { opened, user };
}

/**
 * A repeatable mix of what staff type: part of a family name, a given name, a given name with
 * the start of a family name, and the start of an NHS number typed with its spaces.
 */
function searchQueries(people: readonly NewPerson[], total: number): string[] {
  const queries: string[] = [];
  for (let i = 0; i < total; i++) {
    const person = people[(i * 7919 + 13) % people.length]!;
    switch (i % 4) {
      case 0:
        queries.push(person.familyName.slice(0, 3 + (i % 3)).toLowerCase());
        break;
      case 1:
        queries.push(person.givenName);
        break;
      case 2:
        queries.push(`${person.givenName.slice(0, 3)} ${person.familyName.slice(0, 3)}`);
        break;
      default:
        queries.push(formatNhsNumber(person.nhsNumber).slice(0, i % 8 < 4 ? 7 : 9));
    }
  }
  return queries;
}

async function encryptedVersusPlain(directory: string): Promise<string> {
  const people = syntheticPeople(peopleCount, seed);
  const queries = searchQueries(people, searchCount);
  const insertTimes: Record<Kind, number[]> = { encrypted: [], plain: [] };
  const searchTimes: Record<Kind, number[]> = { encrypted: [], plain: [] };
  const totals: Record<Kind, number> = { encrypted: 0, plain: 0 };
  const last: Partial<Record<Kind, BenchDatabase>> = {};
  let cacheNote = '';

  // Warm-up, not counted: lets the JIT settle on the insert and search paths.
  {
    const warm = await freshDatabase(directory, 'plain', 'warm-up');
    const deps = { db: warm.opened.db, user: warm.user, clock: systemClock };
    await insertPeople(deps, people.slice(0, 2_000));
    for (const query of queries.slice(0, 20)) await searchPeople(deps, { query, limit: 50, offset: 0 });
    await warm.opened.close();
  }

  try {
    for (let round = 0; round < insertRounds; round++) {
      const order: Kind[] = round % 2 === 0 ? ['encrypted', 'plain'] : ['plain', 'encrypted'];
      for (const kind of order) {
        const bench = await freshDatabase(directory, kind, `${kind}-${round}`);
        const { elapsed } = await time(() => insertPeople({ db: bench.opened.db, user: bench.user, clock: systemClock }, people));
        insertTimes[kind].push(elapsed);
        if (round === insertRounds - 1) last[kind] = bench;
        else await bench.opened.close();
      }
    }

    const deps = (kind: Kind) => {
      const bench = last[kind];
      if (!bench) throw new Error(`No ${kind} database to search`);
      return { db: bench.opened.db, user: bench.user, clock: systemClock };
    };
    for (const kind of ['encrypted', 'plain'] as const) {
      for (const query of queries.slice(0, 20)) await searchPeople(deps(kind), { query, limit: 50, offset: 0 });
    }
    for (const [i, query] of queries.entries()) {
      const order: Kind[] = i % 2 === 0 ? ['encrypted', 'plain'] : ['plain', 'encrypted'];
      for (const kind of order) {
        const { value, elapsed } = await time(() => searchPeople(deps(kind), { query, limit: 50, offset: 0 }));
        searchTimes[kind].push(elapsed);
        totals[kind] += value.total;
      }
    }
    const sqlite = last.encrypted?.opened.sqlite;
    if (sqlite) {
      const pages = Number(sqlite.pragma('page_count', { simple: true }));
      const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
      const cacheSize = Number(sqlite.pragma('cache_size', { simple: true }));
      const cacheBytes = cacheSize < 0 ? -cacheSize * 1024 : cacheSize * pageSize;
      cacheNote = `The encrypted file is ${(pages * pageSize / 1e6).toFixed(1)} MB; SQLite's page cache holds up to ${(cacheBytes / 1e6).toFixed(1)} MB of decrypted pages${pages * pageSize <= cacheBytes ? ', so warm searches rarely decrypt' : ''}.`;
    }
  } finally {
    for (const bench of Object.values(last)) await bench.opened.close();
  }
  if (totals.encrypted !== totals.plain) {
    throw new Error(`The two databases answered the searches differently (${totals.encrypted} vs ${totals.plain} matches)`);
  }

  const row = (label: string, pick: (kind: Kind) => number): string[] => {
    const encrypted = pick('encrypted');
    const plain = pick('plain');
    return [label, ms(encrypted), ms(plain), ratio(encrypted, plain)];
  };
  return [
    `a. Encrypted vs plain: ${count(peopleCount)} people, ${searchCount} searches (same code, same data)`,
    '',
    table(['', 'encrypted', 'plain', 'encrypted/plain'], [
      row(`insert ${count(peopleCount)} people, 1 transaction (median of ${insertRounds})`, (kind) => median(insertTimes[kind])),
      row('search, median', (kind) => median(searchTimes[kind])),
      row('search, p95', (kind) => percentile(searchTimes[kind], 95)),
    ]),
    '',
    `Searches: family-name parts, given names, given + family starts, NHS number starts with spaces;`,
    `${(totals.plain / searchCount).toFixed(1)} matches per search on average; each search = the page (50) + the total count.`,
    `Insert runs alternate which database goes first; so do the searches.`,
    ...(cacheNote ? [cacheNote] : []),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// b. Log-in

async function logInTimes(directory: string): Promise<string> {
  const practiceDirectory = join(directory, 'practice');
  const seeded = await time(() => seedDemoPractice(practiceDirectory, { people: peopleCount, seed }));
  const credentials = seeded.value;

  const databaseKey = randomBytes(32);
  const secret = 'correct-battery-horse-staple';
  const slot = await createSlot(databaseKey, secret, { kind: 'password', userId: randomUUID(), username: 'bench.user' }, new Date());
  const kdfTimes: number[] = [];
  const loginTimes: number[] = [];
  const app = createApp({ dataDirectory: practiceDirectory });
  try {
    // Round 0 is a warm-up. KDF and log-in runs alternate, so both see the same machine.
    for (let round = 0; round <= loginRounds; round++) {
      const kdf = await time(() => unwrapSlot(slot, secret));
      if (!kdf.value?.equals(databaseKey)) throw new Error('unwrapSlot did not give back the database key');
      const login = await time(() => app.dispatch('auth.logIn', credentials));
      if (!login.value.ok) throw new Error(`auth.logIn failed: ${login.value.error.message}`);
      const loggedOut = await app.dispatch('auth.logOut', {});
      if (!loggedOut.ok) throw new Error(`auth.logOut failed: ${loggedOut.error.message}`);
      if (round > 0) {
        kdfTimes.push(kdf.elapsed);
        loginTimes.push(login.elapsed);
      }
    }
  } finally {
    await app.close();
  }

  const kdf = median(kdfTimes);
  const login = median(loginTimes);
  return [
    `b. Log-in (KDF): scrypt N=${defaultKdf.N}, r=${defaultKdf.r}, p=${defaultKdf.p}`,
    '',
    table(['', 'median', 'min', 'max', 'vs KDF alone'], [
      [`unwrapSlot, default scrypt (${loginRounds} runs)`, ms(kdf), ms(Math.min(...kdfTimes)), ms(Math.max(...kdfTimes)), ratio(kdf, kdf)],
      [`dispatch('auth.logIn') (${loginRounds} runs, log out between)`, ms(login), ms(Math.min(...loginTimes)), ms(Math.max(...loginTimes)), ratio(login, kdf)],
    ]),
    '',
    login - kdf > 0.05 * kdf
      ? `Log-in beyond the KDF (open database, check migrations, read the user): about ${ms(login - kdf)}.`
      : `Log-in beyond the KDF (open database, check migrations, read the user) is within the KDF's run-to-run noise.`,
    `The practice was set up by seedDemoPractice with ${count(peopleCount)} people in ${ms(seeded.elapsed)} (two scrypt slots + one insert transaction).`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(`PlanWell benchmarks, ${new Date().toISOString()}`);
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`);
  console.log('');
  const started = performance.now();
  const directory = mkdtempSync(join(tmpdir(), 'planwell-bench-'));
  try {
    console.log(await encryptedVersusPlain(directory));
    console.log('');
    console.log(await logInTimes(directory));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  console.log('');
  console.log(`Whole run: ${((performance.now() - started) / 1000).toFixed(1)} s. Timings are for comparison in this run only; none can fail it.`);
}

await main();
