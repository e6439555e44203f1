/**
 * `npm run bench`: measurements printed side by side from ONE run, so both columns share the
 * machine's mood. Nothing here is a test: no timing can make it fail.
 *
 *   a. Encrypted vs plain: the app's own insert and search code over an encrypted database and
 *      over a plain one (openDatabase's `unencryptedForBenchmark`).
 *   b. Log-in: the scrypt key derivation alone, and a whole `auth.logIn` through the dispatcher.
 *   c. Audit cost: adding a person with its audit row (the real createPerson) vs the same write
 *      without it, one transaction each, on encrypted databases.
 *   d. The audit trail at 1,000,000 events: audit.list's queries (page + count) and verify's walk.
 *   e. Caseload search at 1,000 and 100,000 people: searchPeople over a realistic query mix.
 *   f. The caseload in the preview host, in Chromium: first screen, and the rows in the page.
 *   g. Personal health budgets: totals, and the budget page's query with 1 vs 5 years of spending.
 *   h. Plans as PDFs: one plan exported 20 times warm, and 100 plans in a batch, in each format.
 *   i. Social prescribing: the referral inbox, directory search and caseload report at 1,000 vs
 *      20,000 referrals (200 vs 5,000 directory entries), and one referral's discharge summary.
 *
 * `npm run bench -- --only e,f` runs some sections only (letters as above).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditAction, ChannelParsedInput, NewPerson, Role, SignedInUser } from '../../src-shared/contract';
import { formatNhsNumber } from '../../src-shared/domain/nhs-number';
import { createApp } from '../../src-main/app';
import { auditEventHash, type AuditEventFields } from '../../src-main/audit/chain';
import { currentAuditHead, verifyAuditTrail } from '../../src-main/audit/trail';
import { createSlot, defaultKdf, unwrapSlot } from '../../src-main/auth/keyring';
import { systemClock, type Clock } from '../../src-main/clock';
import { openDatabase, type OpenedDatabase } from '../../src-main/db/database';
import { seedDemoPractice } from '../../src-main/demo/seed';
import { syntheticPeople } from '../../src-main/demo/synthetic-people';
import { listAuditEvents } from '../../src-main/services/audit';
import { createPerson, newPersonRow, searchPeople } from '../../src-main/services/people';
import type { VaultDependencies } from '../../src-main/services/session-dependencies';
import { insertPeople } from '../../src-main/services/people-import';
import { searchPeopleSchema } from '../../src-shared/contract/people';
import { budgetQueries } from './budgets';
import { pdfExports } from './exports';
import { socialPrescribingQueries } from './social-prescribing';
import { caseloadInPreview, caseloadSearch, seedCaseloadPractices } from './caseload';
import { count, median, ms, percentile, ratio, table, time } from './report';

const peopleCount = 10_000;
const searchCount = 200;
const insertRounds = 3;
const loginRounds = 5;
const seed = 20_261_124;
const auditWrites = 2_000;
const auditWriteBlocks = 10;
const auditEvents = 1_000_000;
const auditUsers = 20;
const auditPeople = 5_000;
const auditListRuns = 5;

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
    for (const query of queries.slice(0, 20)) await searchPeople(deps, searchPeopleSchema.parse({ query, limit: 50, offset: 0 }));
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
      for (const query of queries.slice(0, 20)) await searchPeople(deps(kind), searchPeopleSchema.parse({ query, limit: 50, offset: 0 }));
    }
    for (const [i, query] of queries.entries()) {
      const order: Kind[] = i % 2 === 0 ? ['encrypted', 'plain'] : ['plain', 'encrypted'];
      for (const kind of order) {
        const { value, elapsed } = await time(() => searchPeople(deps(kind), searchPeopleSchema.parse({ query, limit: 50, offset: 0 })));
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
  const credentials = seeded.value.administrator;

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
// c. Audit cost

type AuditArm = 'with audit row' | 'without';

/**
 * The same write as createPerson (the duplicate NHS number check, then the insert of newPersonRow),
 * in its own transaction, without the audit row: the difference is the audit row alone.
 */
async function createPersonWithoutAudit({ db, user, clock }: { db: OpenedDatabase['db']; user: SignedInUser; clock: Clock }, person: NewPerson): Promise<void> {
  const row = newPersonRow(person, user.id, clock.now().toISOString());
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('person').select('id').where('nhs_number', '=', person.nhsNumber).executeTakeFirst();
    if (existing) throw new Error('Duplicate NHS number in the benchmark data');
    await trx.insertInto('person').values(row).execute();
  });
}

async function auditCost(directory: string): Promise<string> {
  const people = syntheticPeople(auditWrites, seed + 1);
  const write: Record<AuditArm, (bench: BenchDatabase, person: NewPerson) => Promise<unknown>> = {
    'with audit row': (bench, person) => createPerson({ db: bench.opened.db, user: bench.user, clock: systemClock }, person),
    without: (bench, person) => createPersonWithoutAudit({ db: bench.opened.db, user: bench.user, clock: systemClock }, person),
  };
  const arms: AuditArm[] = ['with audit row', 'without'];
  const times: Record<AuditArm, number[]> = { 'with audit row': [], without: [] };
  const databases: Partial<Record<AuditArm, BenchDatabase>> = {};
  const written = { auditRows: 0 };
  try {
    // Warm-up, not counted, on throwaway databases.
    for (const arm of arms) {
      const warm = await freshDatabase(directory, 'encrypted', `audit-warm-${arm === 'without' ? 'off' : 'on'}`);
      for (const person of people.slice(0, 100)) await write[arm](warm, person);
      await warm.opened.close();
    }
    for (const arm of arms) databases[arm] = await freshDatabase(directory, 'encrypted', `audit-${arm === 'without' ? 'off' : 'on'}`);
    const blockSize = auditWrites / auditWriteBlocks;
    for (let block = 0; block < auditWriteBlocks; block++) {
      const order: AuditArm[] = block % 2 === 0 ? arms : [...arms].reverse();
      for (const arm of order) {
        const bench = databases[arm]!;
        for (const person of people.slice(block * blockSize, (block + 1) * blockSize)) {
          const { elapsed } = await time(() => write[arm](bench, person));
          times[arm].push(elapsed);
        }
      }
    }
    const audited = databases['with audit row']!.opened.sqlite;
    written.auditRows = audited.prepare('SELECT count(*) FROM audit_event').pluck().get() as number;
  } finally {
    for (const bench of Object.values(databases)) await bench.opened.close();
  }

  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const on = times['with audit row'];
  const off = times.without;
  const meanRatio = mean(on) / mean(off);
  return [
    `c. Audit cost: ${count(auditWrites)} people added, each in its own transaction (encrypted, synchronous=FULL)`,
    '',
    table(['', 'with audit row', 'without', 'with/without'], [
      ['per write, mean', ms(mean(on)), ms(mean(off)), ratio(mean(on), mean(off))],
      ['per write, median', ms(median(on)), ms(median(off)), ratio(median(on), median(off))],
      ['per write, p95', ms(percentile(on, 95)), ms(percentile(off, 95)), ratio(percentile(on, 95), percentile(off, 95))],
      [`all ${count(auditWrites)} writes`, ms(on.reduce((a, b) => a + b, 0)), ms(off.reduce((a, b) => a + b, 0)), ratio(mean(on), mean(off))],
    ]),
    '',
    `"with audit row" is createPerson (check the NHS number, insert, recordAudit: read the last hash, hash, insert);`,
    `"without" is the same check and insert of newPersonRow with no audit row. ${count(written.auditRows)} audit rows were written.`,
    `The arms alternate in ${auditWriteBlocks} blocks of ${count(auditWrites / auditWriteBlocks)}, each on its own fresh database. Target: ≤ 1.20×; this run: ${meanRatio.toFixed(2)}× ${meanRatio <= 1.2 ? '(within target)' : '(above target)'}.`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// d. The audit trail at 1,000,000 events

/** A small, fast, repeatable PRNG (mulberry32). */
function prng(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface EventKind {
  action: AuditAction;
  share: number;
  channel: string | null;
  aboutPerson: boolean;
  detail: string;
}

/** Roughly a surgery's mix: mostly records opened and plans updated, then sessions, then the rest. */
const eventKinds: readonly EventKind[] = [
  { action: 'view', share: 0.55, channel: 'people.get', aboutPerson: true, detail: 'Opened the record' },
  { action: 'update', share: 0.12, channel: 'plans.update', aboutPerson: true, detail: 'Updated the care plan' },
  { action: 'create', share: 0.04, channel: 'people.create', aboutPerson: true, detail: 'Added to PlanWell' },
  { action: 'print', share: 0.03, channel: 'plans.print', aboutPerson: true, detail: 'Printed the care plan' },
  { action: 'log-in', share: 0.09, channel: 'auth.logIn', aboutPerson: false, detail: '' },
  { action: 'log-out', share: 0.07, channel: 'auth.logOut', aboutPerson: false, detail: '' },
  { action: 'lock', share: 0.03, channel: 'auth.lock', aboutPerson: false, detail: 'Locked after 10 minutes without use' },
  { action: 'unlock', share: 0.03, channel: 'auth.unlock', aboutPerson: false, detail: '' },
  { action: 'log-in-failed', share: 0.01, channel: 'auth.logIn', aboutPerson: false, detail: 'Wrong username or password for "someone"' },
  { action: 'export', share: 0.01, channel: 'audit.exportCsv', aboutPerson: false, detail: 'Exported 250 audit events as CSV' },
  { action: 'user-admin', share: 0.01, channel: 'staff.resetPassword', aboutPerson: false, detail: 'Reset the password of someone' },
  { action: 'settings', share: 0.005, channel: 'settings.update', aboutPerson: false, detail: 'Automatic lock changed from 10 to 15 minutes' },
  { action: 'audit-check', share: 0.005, channel: 'audit.verify', aboutPerson: false, detail: 'Intact: 1000 events' },
];

async function auditAtScale(directory: string): Promise<string> {
  const setUpAt = new Date('2023-12-31T09:00:00.000Z');
  const fixedClock: Clock = { now: () => new Date(setUpAt), sleep: systemClock.sleep };
  const app = createApp({ dataDirectory: join(directory, 'audit-practice'), clock: fixedClock, idleCheckMilliseconds: 0 });
  try {
    const password = 'bench-audit-password-2026';
    const created = await app.dispatch('setup.createPractice', {
      practiceName: 'Bench Surgery', odsCode: '', fullName: 'Bench Admin', username: 'bench.admin',
      password, confirmPassword: password, clinicalRoles: ['link-worker'],
    });
    if (!created.ok) throw new Error(`setup.createPractice failed: ${created.error.message}`);
    const session = app.vault.currentSession();
    if (!session) throw new Error('Set-up did not sign the administrator in');
    const { db, sqlite } = session.database;
    const admin = session.user;

    // The people and staff the events name, so audit.list's joins find real rows.
    await insertPeople({ db, user: admin, clock: fixedClock }, syntheticPeople(auditPeople, seed + 2));
    const personIds = await db.selectFrom('person').select('id').orderBy('id').execute().then((rows) => rows.map((row) => row.id));
    const roleSets: Role[][] = [['link-worker'], ['nurse'], ['link-worker'], ['nurse'], ['viewer'], ['administrator']];
    const staff: { id: string; roles: string }[] = [{ id: admin.id, roles: [...admin.roles].sort().join(',') }];
    for (let i = 1; i < auditUsers; i++) {
      const id = randomUUID();
      const roles = roleSets[i % roleSets.length]!;
      const timestamp = setUpAt.toISOString();
      await db.insertInto('staff_user').values({ id, username: `bench.user${i}`, full_name: `Bench User ${i}`, active: 1, created_at: timestamp, updated_at: timestamp }).execute();
      await db.insertInto('staff_role').values(roles.map((role) => ({ user_id: id, role }))).execute();
      staff.push({ id, roles: [...roles].sort().join(',') });
    }

    // 1,000,000 chained events over two years, one prepared statement in one transaction.
    const random = prng(seed);
    const shares = eventKinds.reduce<number[]>((acc, kind) => [...acc, (acc.at(-1) ?? 0) + kind.share], []);
    const start = Date.parse('2024-01-01T00:00:00.000Z');
    const step = (Date.parse('2026-01-01T00:00:00.000Z') - start) / auditEvents;
    const insert = sqlite.prepare(
      'INSERT INTO audit_event (seq, at, user_id, roles, action, channel, person_id, outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const cacheSize = sqlite.pragma('cache_size', { simple: true });
    const filled = await time(async () => {
      sqlite.pragma('cache_size = -262144'); // 256 MB while filling, so index pages are not spilled and rewritten
      const head = currentAuditHead(sqlite);
      let previousHash = head.hash;
      sqlite.transaction(() => {
        for (let i = 0; i < auditEvents; i++) {
          const pick = random();
          const kind = eventKinds[Math.max(0, shares.findIndex((edge) => pick < edge))]!;
          const failed = kind.action === 'log-in-failed';
          const member = staff[Math.floor(random() * staff.length)]!;
          const fields: AuditEventFields = {
            seq: head.seq + 1 + i,
            at: new Date(start + Math.floor(i * step + random() * step * 0.5)).toISOString(),
            userId: failed ? null : member.id,
            roles: failed ? '' : member.roles,
            action: kind.action,
            channel: kind.channel,
            personId: kind.aboutPerson ? personIds[Math.floor(random() * personIds.length)]! : null,
            outcome: failed ? 'failure' : 'success',
            detail: kind.detail,
          };
          const hash = auditEventHash(fields, previousHash);
          insert.run(fields.seq, fields.at, fields.userId, fields.roles, fields.action, fields.channel, fields.personId, fields.outcome, fields.detail, previousHash, hash);
          previousHash = hash;
        }
      })();
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
    });
    app.vault.syncAuditHead();
    const totalEvents = currentAuditHead(sqlite).seq;

    const deps: VaultDependencies = { db, user: admin, clock: fixedClock, session, vault: app.vault };
    type ListInput = ChannelParsedInput<'audit.list'>;
    const page = (filter: ListInput['filter'], offset = 0): ListInput => ({ filter, limit: 100, offset });
    const clinicians = staff.filter((member) => member.roles !== 'administrator');
    const cases: { label: string; inputs: ListInput[] }[] = [
      { label: 'first page, no filter', inputs: Array.from({ length: auditListRuns }, () => page({})) },
      { label: 'by person (5 people)', inputs: Array.from({ length: auditListRuns }, (_, i) => page({ personId: personIds[(i * 997) % personIds.length]! })) },
      { label: 'by member of staff (5 staff)', inputs: Array.from({ length: auditListRuns }, (_, i) => page({ userId: clinicians[i % clinicians.length]!.id })) },
      { label: "by action: 'view' (common)", inputs: Array.from({ length: auditListRuns }, () => page({ action: 'view' })) },
      { label: "by action: 'export' (rare)", inputs: Array.from({ length: auditListRuns }, () => page({ action: 'export' })) },
      {
        label: 'by dates: one month (5 months)',
        inputs: Array.from({ length: auditListRuns }, (_, i) => {
          const month = String(2 + i * 2).padStart(2, '0');
          return page({ from: `2025-${month}-01`, to: `2025-${month}-28` });
        }),
      },
      { label: 'by person and dates: one year', inputs: Array.from({ length: auditListRuns }, (_, i) => page({ personId: personIds[(i * 389) % personIds.length]!, from: '2025-01-01', to: '2025-12-31' })) },
      { label: 'no filter, page at offset 500,000', inputs: Array.from({ length: auditListRuns }, () => page({}, 500_000)) },
    ];
    const rows: string[][] = [];
    for (const { label, inputs } of cases) {
      const elapsed: number[] = [];
      const totals: number[] = [];
      for (const input of inputs) {
        const result = await time(() => listAuditEvents(deps, input));
        elapsed.push(result.elapsed);
        totals.push(result.value.total);
      }
      rows.push([label, count(median(totals)), ms(median(elapsed)), ms(Math.min(...elapsed)), ms(Math.max(...elapsed))]);
    }

    const walked = await time(async () => verifyAuditTrail(sqlite, app.vault.paths.auditHead, session.auditHeadKey));
    if (!walked.value.intact) throw new Error(`The filled trail did not verify: ${walked.value.reason}`);
    const pages = Number(sqlite.pragma('page_count', { simple: true }));
    const pageSize = Number(sqlite.pragma('page_size', { simple: true }));

    return [
      `d. Audit list over ${count(totalEvents)} events (${auditUsers} staff, ${count(auditPeople)} people, two years; encrypted)`,
      '',
      table(['audit.list (page of 100 + total)', 'matches', 'median', 'min', 'max'], rows),
      '',
      table(['', 'time', 'per event'], [
        [`fill ${count(auditEvents)} chained events, 1 transaction`, ms(filled.elapsed), `${(filled.elapsed * 1000 / auditEvents).toFixed(1)} µs`],
        [`verifyAuditTrail, whole chain (${count(walked.value.events)} events)`, ms(walked.elapsed), `${(walked.elapsed * 1000 / walked.value.events).toFixed(1)} µs`],
      ]),
      '',
      `Each audit.list row is the median of ${auditListRuns} calls to listAuditEvents (the page and the count, as the screen asks); "matches" is the median total.`,
      `Filters vary between calls where noted (different people, staff, months). The database file is ${(pages * pageSize / 1e6).toFixed(0)} MB.`,
    ].join('\n');
  } finally {
    await app.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string', default: 'a,b,c,d,e,f,g,h,i' } } });
  const only = new Set(values.only.split(',').map((section) => section.trim().toLowerCase()));
  const cpu = cpus();
  console.log(`PlanWell benchmarks, ${new Date().toISOString()}`);
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`);
  const started = performance.now();
  const directory = mkdtempSync(join(tmpdir(), 'planwell-bench-'));
  try {
    const sections: [string, () => Promise<string>][] = [
      ['a', () => encryptedVersusPlain(directory)],
      ['b', () => logInTimes(directory)],
      ['c', () => auditCost(directory)],
      ['d', () => auditAtScale(directory)],
      ['g', () => budgetQueries(directory)],
      ['h', () => pdfExports(directory)],
      ['i', () => socialPrescribingQueries(directory)],
    ];
    for (const [name, run] of sections) {
      if (!only.has(name)) continue;
      console.log('');
      console.log(await run());
    }
    if (only.has('e') || only.has('f')) {
      const practices = await seedCaseloadPractices(directory);
      for (const [name, run] of [['e', caseloadSearch], ['f', caseloadInPreview]] as const) {
        if (!only.has(name)) continue;
        console.log('');
        console.log(await run(practices));
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  console.log('');
  console.log(`Whole run: ${((performance.now() - started) / 1000).toFixed(1)} s. Timings are for comparison in this run only; none can fail it.`);
}

await main();
