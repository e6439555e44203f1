/**
 * Proven crash safety (issue 10): a writer process performs acknowledged writes through the real
 * app (writer.ts) and is killed with SIGKILL at a random moment; then the parent opens the data
 * directory the way the app does (createApp, then log-in's open; see verify below) and checks that
 * the database opens, integrity_check is ok, every acknowledged write is there, nothing is
 * half-written (verify.ts) and audit.verify says the trail is intact.
 *
 * Every round continues from the same data directory, which grows: each open after a kill then
 * recovers a hot WAL over a database that has already lived through every earlier kill, later
 * rounds change rows written (and killed around) long before, and damage that only shows after
 * several crashes would accumulate and be caught, not thrown away with a fresh copy.
 *
 * Timing decides only where kills land, never whether a round passes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createApp } from '../../src-main/app';
import { dataPaths, newSession } from '../../src-main/auth/vault';
import { streamFor } from '../../src-main/demo/random';
import type { AuditIntegrity, SignedInUser } from '../../src-shared/contract';
import { setUpPractice, type Credentials } from '../fixtures/practice';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';
import type { Intent, Operation, WriterConfig, WriterLine } from './protocol';
import { checkLedger, checkNothingHalfWritten, checkStructure, type Acknowledged } from './verify';

export interface CrashRunOptions {
  rounds: number;
  /** Seeds where each kill lands and what each writer writes: the same seed replays a run's choices. */
  seed: number;
  /** Progress, one line every `progressEvery` rounds (the script prints it; the test stays quiet). */
  progress?: (line: string) => void;
  progressEvery?: number;
  /** Every how many rounds the parent logs in with the password (scrypt) rather than the key it holds; 50 unless given. */
  passwordEvery?: number;
}

type KillPhase = 'opening' | 'between-writes' | 'in-transaction';

export interface CrashFailure {
  round: number;
  seed: number;
  problems: string[];
  /** Kept for inspection (the run removes its directory only when every round passed). */
  dataDirectory: string;
  writerOutput: string;
}

export interface CrashReport {
  seed: number;
  rounds: number;
  kills: number;
  /** Rounds the parent checked after a log-in with the password (scrypt). */
  passwordLogIns: number;
  failure: CrashFailure | null;
  milliseconds: {
    total: number;
    bundle: number;
    /**
     * Medians: the writer's start-up (node and the bundle, from process start) and its open after
     * the config arrived; the parent's open with the key, its log-in with the password, its checks.
     */
    writerStart: number;
    writerOpen: number;
    parentOpen: number;
    parentLogIn: number;
    checks: number;
    round: number;
  };
  acknowledged: Record<Operation, number>;
  /** Where the kills landed; for writes in flight, whether they had committed. */
  killedDuring: { opening: number; betweenWrites: number; inTransaction: Record<Operation, { landed: number; notLanded: number }> };
  final: { people: number; auditEvents: number; databaseBytes: number; walBytes: number; staleTemporaryFiles: number };
}

/** How many writers wait, loaded, for their round: two keep both cores busy while the parent checks. */
const writersAhead = 2;

const operations: readonly Operation[] = ['person', 'draft', 'saveDraft', 'budget', 'agree', 'spend', 'referral', 'contact', 'formDraft'];

/**
 * The printing libraries, which the writer never calls, replaced by stubs that throw: they are a
 * third of its start-up, and start-up is most of a round. Everything it does call is the app's.
 */
const printingStubs: Record<string, string> = {
  'pdf-lib': 'export const PDFDocument = { load() { throw new Error("The crash writer does not print"); } };',
  'react-dom/server': 'export function renderToStaticMarkup() { throw new Error("The crash writer does not print"); }',
};

/** Bundles the writer once per run into a plain .mjs, so each round starts node, not tsx. */
async function bundleWriter(directory: string): Promise<string> {
  const outfile = join(directory, 'writer.mjs');
  // The native module stays outside the bundle, imported by its absolute path from this checkout.
  const nativeModule = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
  await build({
    entryPoints: [fileURLToPath(new URL('./writer.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Bundled CommonJS packages call require(); an ES module has none until it makes one.
    banner: { js: "import { createRequire as __crashRequire } from 'node:module'; const require = __crashRequire(import.meta.url);" },
    plugins: [{
      name: 'crash-writer',
      setup(builder) {
        builder.onResolve({ filter: /^better-sqlite3-multiple-ciphers$/ }, () => ({ path: nativeModule, external: true }));
        builder.onResolve({ filter: /^(pdf-lib|react-dom\/server)$/ }, (args) => ({ path: args.path, namespace: 'printing-stub' }));
        builder.onLoad({ filter: /.*/, namespace: 'printing-stub' }, (args) => ({ contents: printingStubs[args.path] ?? '', loader: 'js' }));
      },
    }],
  });
  return outfile;
}

interface ReceivedLine {
  line: WriterLine;
  at: number;
}

/** One writer process: started early, given its config when the data directory is free. */
class WriterProcess {
  readonly lines: ReceivedLine[] = [];
  private stdout = '';
  private stderr = '';
  private listeners: ((line: WriterLine) => void)[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(bundle: string, compileCache: string) {
    // Start-up is most of a round: the compile cache keeps V8's code for the bundle between rounds,
    // and a larger young generation spares the garbage collector most of its work while loading.
    this.child = spawn(process.execPath, ['--max-semi-space-size=16', bundle], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_COMPILE_CACHE: compileCache },
    });
    this.exited = new Promise((resolve) => this.child.once('close', (code, signal) => resolve({ code, signal })));
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.receive(chunk));
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-20_000);
    });
    // A killed writer's stdin breaks; that is expected.
    this.child.stdin?.on('error', () => undefined);
  }

  private receive(chunk: string): void {
    this.stdout += chunk;
    let end: number;
    while ((end = this.stdout.indexOf('\n')) >= 0) {
      const text = this.stdout.slice(0, end);
      this.stdout = this.stdout.slice(end + 1);
      let line: WriterLine;
      try {
        line = JSON.parse(text) as WriterLine;
      } catch {
        line = { t: 'error', message: `The writer printed something that is not a line of the protocol: ${text.slice(0, 200)}` };
      }
      this.lines.push({ line, at: performance.now() });
      for (const listener of this.listeners) listener(line);
    }
  }

  onLine(listener: (line: WriterLine) => void): void {
    this.listeners.push(listener);
  }

  send(config: WriterConfig): void {
    this.child.stdin?.write(`${JSON.stringify(config)}\n`);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  output(): string {
    return [...this.lines.slice(-20).map((l) => JSON.stringify(l.line)), this.stdout, this.stderr].join('\n');
  }
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

interface RoundOutcome {
  phase: KillPhase;
  inFlight: Intent | null;
  acknowledged: Acknowledged[];
  openMilliseconds: number | null;
  loadedMilliseconds: number | null;
  opMilliseconds: number[];
  problems: string[];
}

/**
 * Sends the config, then kills at a random moment: in 15% of rounds while the writer opens the
 * database (recovering the last round's WAL), otherwise after it is ready, uniformly over about
 * a dozen writes, so kills land before, inside and after each transaction's commit and fsync.
 */
async function killRound(writer: WriterProcess, config: WriterConfig, random: () => number, windows: { open: number; op: number }): Promise<RoundOutcome> {
  const duringOpening = random() < 0.15;
  const fraction = random();
  let timer: NodeJS.Timeout | undefined;
  let ready = false;
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    writer.kill();
  };
  const killIn = (milliseconds: number) => {
    timer = setTimeout(kill, milliseconds);
  };
  writer.onLine((line) => {
    if (line.t === 'error') kill();
    if (line.t === 'ready' && !ready) {
      ready = true;
      if (!duringOpening) killIn(fraction * Math.min(1000, Math.max(10, 12 * windows.op)));
    }
  });
  writer.send(config);
  if (duringOpening) killIn(fraction * windows.open);
  // Not a timing check: a writer that never gets ready is killed wherever it is, and the round goes on.
  const stuck = setTimeout(kill, 120_000);
  const exit = await writer.exited;
  clearTimeout(timer);
  clearTimeout(stuck);

  const problems: string[] = [];
  const acknowledged: Acknowledged[] = [];
  let inFlight: { intent: Intent; at: number } | null = null;
  let readyAt: number | null = null;
  const opMilliseconds: number[] = [];
  for (const { line, at } of writer.lines) {
    if (line.t === 'ready') readyAt = at;
    if (line.t === 'begin') inFlight = { intent: line.intent, at };
    if (line.t === 'ack') {
      acknowledged.push(line.id === undefined ? { intent: line.intent } : { intent: line.intent, id: line.id });
      if (inFlight) opMilliseconds.push(at - inFlight.at);
      inFlight = null;
    }
    if (line.t === 'error') problems.push(`The writer failed: ${line.message}`);
  }
  if (exit.signal !== 'SIGKILL') problems.push(`The writer stopped by itself (code ${String(exit.code)}, signal ${String(exit.signal)})`);
  const openLine = writer.lines.find((l) => l.line.t === 'ready')?.line;
  return {
    phase: readyAt === null ? 'opening' : inFlight ? 'in-transaction' : 'between-writes',
    inFlight: inFlight?.intent ?? null,
    acknowledged,
    openMilliseconds: openLine?.t === 'ready' ? openLine.milliseconds : null,
    loadedMilliseconds: openLine?.t === 'ready' ? openLine.loadedMilliseconds : null,
    opMilliseconds,
    problems,
  };
}

interface Verification {
  problems: string[];
  inFlightLanded: boolean | null;
  nextNhsBody: number;
  logInMilliseconds: number;
  checkMilliseconds: number;
  people: number;
  auditEvents: number;
}

/**
 * Opens the practice as the app does after a crash and checks everything. The open is log-in's
 * own (vault.open: open, recover the WAL, migrate, quick_check; then the session begins); the
 * password's scrypt step, which reads only keyring.json (never written by the writer), runs in
 * every `passwordEvery`th round and the last, since it costs more than the rest of a round.
 */
async function verify(
  dataDirectory: string,
  access: { admin: Credentials; key: Buffer; user: SignedInUser; withPassword: boolean },
  ledger: readonly Acknowledged[],
  inFlight: Intent | null,
): Promise<Verification> {
  const logged: string[] = [];
  const app = createApp({
    dataDirectory, automaticBackups: false, idleCheckMilliseconds: 0,
    logError: (channel, error) => logged.push(`${channel}: ${error instanceof Error ? error.message : String(error)}`),
  });
  const result: Verification = { problems: [], inFlightLanded: null, nextNhsBody: 0, logInMilliseconds: 0, checkMilliseconds: 0, people: 0, auditEvents: 0 };
  try {
    const started = performance.now();
    if (access.withPassword) {
      const logIn = await app.dispatch('auth.logIn', { username: access.admin.username, password: access.admin.password });
      if (!logIn.ok) result.problems.push(`Could not log in after the crash: ${logIn.error.message}`);
    } else {
      try {
        // The session's own copy: closing the session wipes it.
        const key = Buffer.from(access.key);
        app.vault.begin(newSession(access.user, await app.vault.open(key), key, false));
      } catch (error) {
        result.problems.push(`Could not open the database after the crash: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    result.logInMilliseconds = performance.now() - started;
    const session = app.vault.currentSession();
    if (!session) {
      if (result.problems.length === 0) result.problems.push('Nobody is signed in after opening the database');
      return result;
    }
    const checking = performance.now();
    const sqlite = session.database.sqlite;
    result.problems.push(...checkStructure(sqlite));
    const ledgerCheck = checkLedger(sqlite, access.user.id, ledger, inFlight);
    result.problems.push(...ledgerCheck.problems, ...checkNothingHalfWritten(sqlite));
    result.inFlightLanded = ledgerCheck.inFlightLanded;
    const audit = await app.dispatch('audit.verify', {});
    if (!audit.ok) result.problems.push(`audit.verify failed: ${audit.error.message}`);
    else if (!(audit.value as AuditIntegrity).intact) result.problems.push(`The audit trail does not verify: ${JSON.stringify(audit.value)}`);
    const stats = sqlite.prepare(`SELECT (SELECT count(*) FROM person) AS people, (SELECT max(seq) FROM audit_event) AS events, (SELECT max(substr(nhs_number, 1, 9)) FROM person) AS body`).get() as {
      people: number; events: number; body: string | null;
    };
    result.people = stats.people;
    result.auditEvents = stats.events;
    // The next round's NHS numbers start after every one in the database, acknowledged or not.
    result.nextNhsBody = stats.body === null ? 999_000_000 : Number(stats.body) + 1;
    result.checkMilliseconds = performance.now() - checking;
  } finally {
    await app.close();
  }
  if (logged.length > 0) result.problems.push(`The app logged errors: ${logged.join('; ')}`);
  return result;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export async function runCrashRounds(options: CrashRunOptions): Promise<CrashReport> {
  const startedAt = performance.now();
  const workspace = makeTempDir();
  const dataDirectory = join(workspace, 'practice');
  const random = streamFor(options.seed, 2);
  const report: CrashReport = {
    seed: options.seed,
    rounds: options.rounds,
    kills: 0,
    passwordLogIns: 0,
    failure: null,
    milliseconds: { total: 0, bundle: 0, writerStart: 0, writerOpen: 0, parentOpen: 0, parentLogIn: 0, checks: 0, round: 0 },
    acknowledged: Object.fromEntries(operations.map((op) => [op, 0])) as Record<Operation, number>,
    killedDuring: {
      opening: 0,
      betweenWrites: 0,
      inTransaction: Object.fromEntries(operations.map((op) => [op, { landed: 0, notLanded: 0 }])) as Record<Operation, { landed: number; notLanded: number }>,
    },
    final: { people: 0, auditEvents: 0, databaseBytes: 0, walBytes: 0, staleTemporaryFiles: 0 },
  };
  const samples = { start: [] as number[], open: [] as number[], op: [] as number[], parentOpen: [] as number[], parentLogIn: [] as number[], checks: [] as number[], round: [] as number[] };
  // Writers start ahead of their rounds, so their start-up overlaps the checks of the rounds before.
  const waiting: WriterProcess[] = [];
  try {
    const bundling = performance.now();
    const bundle = await bundleWriter(workspace);
    report.milliseconds.bundle = performance.now() - bundling;
    const compileCache = join(workspace, 'compile-cache');

    // One scrypt log-in here gives the harness the key it hands each writer.
    const practice = await setUpPractice({ dataDirectory, clinicalRoles: ['link-worker'] });
    const session = practice.app.vault.currentSession();
    if (!session) throw new Error('Set-up left nobody signed in');
    const key = Buffer.from(session.databaseKey);
    const user = session.user;
    const admin = practice.admin;
    await practice.app.close();

    const ledger: Acknowledged[] = [];
    let nextNhsBody = 999_000_000;
    const startWriters = (round: number) => {
      while (waiting.length < Math.min(writersAhead, options.rounds - round + 1)) waiting.push(new WriterProcess(bundle, compileCache));
    };
    startWriters(1);
    for (let round = 1; round <= options.rounds; round++) {
      const roundStarted = performance.now();
      const writer = waiting.shift();
      if (!writer) throw new Error('No writer was started for this round');
      const config: WriterConfig = {
        dataDirectory,
        keyHex: key.toString('hex'),
        user,
        seed: Math.floor(random() * 2 ** 32),
        round,
        nhsBodies: { first: nextNhsBody, last: 1_000_000_000 },
        walAutocheckpointPages: random() < 0.5 ? 16 : null,
      };
      const outcome = await killRound(writer, config, random, { open: median(samples.open) || 100, op: median(samples.op) || 10 });
      report.kills += 1;
      // Writers for the next rounds start while this one is checked; they touch nothing until they have their config.
      startWriters(round + 1);
      ledger.push(...outcome.acknowledged);
      for (const ack of outcome.acknowledged) report.acknowledged[ack.intent.op] += 1;
      if (outcome.openMilliseconds !== null) samples.open.push(outcome.openMilliseconds);
      if (outcome.loadedMilliseconds !== null) samples.start.push(outcome.loadedMilliseconds);
      samples.op.push(...outcome.opMilliseconds);

      const withPassword = round === options.rounds || round % (options.passwordEvery ?? 50) === 0;
      const checked = await verify(dataDirectory, { admin, key, user, withPassword }, ledger, outcome.inFlight);
      (withPassword ? samples.parentLogIn : samples.parentOpen).push(checked.logInMilliseconds);
      if (withPassword) report.passwordLogIns += 1;
      samples.checks.push(checked.checkMilliseconds);
      if (outcome.phase === 'opening') report.killedDuring.opening += 1;
      else if (outcome.phase === 'between-writes') report.killedDuring.betweenWrites += 1;
      else if (outcome.inFlight) report.killedDuring.inTransaction[outcome.inFlight.op][checked.inFlightLanded ? 'landed' : 'notLanded'] += 1;
      nextNhsBody = checked.nextNhsBody;
      report.final.people = checked.people;
      report.final.auditEvents = checked.auditEvents;
      samples.round.push(performance.now() - roundStarted);

      const problems = [...outcome.problems, ...checked.problems];
      if (problems.length > 0) {
        report.failure = { round, seed: options.seed, problems, dataDirectory, writerOutput: writer.output() };
        break;
      }
      if (options.progress && round % (options.progressEvery ?? 100) === 0) {
        options.progress(`round ${round}/${options.rounds}: ${checked.people} people, ${checked.auditEvents} audit events, median round ${Math.round(median(samples.round))} ms`);
      }
    }
    const paths = dataPaths(dataDirectory);
    report.final.databaseBytes = fileSize(paths.database);
    report.final.walBytes = fileSize(`${paths.database}-wal`);
    // Killed between writing and renaming audit-head.json: the app leaves its temporary file behind.
    report.final.staleTemporaryFiles = readdirSync(dataDirectory).filter((name) => name.endsWith('.tmp')).length;
  } finally {
    for (const writer of waiting) writer.kill();
    await Promise.all(waiting.map((writer) => writer.exited));
    if (!report.failure) removeTempDir(workspace);
  }
  report.milliseconds = {
    ...report.milliseconds,
    total: performance.now() - startedAt,
    writerStart: median(samples.start),
    writerOpen: median(samples.open),
    parentOpen: median(samples.parentOpen),
    parentLogIn: median(samples.parentLogIn),
    checks: median(samples.checks),
    round: median(samples.round),
  };
  return report;
}

/** The report as the script prints it and RELIABILITY.md quotes it. */
export function formatReport(report: CrashReport): string {
  const ms = (value: number) => `${Math.round(value).toLocaleString('en-GB')} ms`;
  const inTransaction = Object.entries(report.killedDuring.inTransaction)
    .filter(([, counts]) => counts.landed + counts.notLanded > 0)
    .map(([op, counts]) => `${op} ${counts.landed} committed / ${counts.notLanded} not`)
    .join(', ');
  const lines = [
    `Crash safety: ${report.kills} SIGKILLs in ${report.rounds} rounds, seed ${report.seed}, ${ms(report.milliseconds.total)} in all (bundling the writer ${ms(report.milliseconds.bundle)})`,
    `Median per round: ${ms(report.milliseconds.round)}; writer's start-up ${ms(report.milliseconds.writerStart)}, its open after a kill ${ms(report.milliseconds.writerOpen)}; parent's open with the key ${ms(report.milliseconds.parentOpen)}, ` +
      `with the password ${ms(report.milliseconds.parentLogIn)} (${report.passwordLogIns} rounds); checks ${ms(report.milliseconds.checks)}`,
    `Acknowledged writes: ${Object.entries(report.acknowledged).map(([op, n]) => `${op} ${n}`).join(', ')} (${Object.values(report.acknowledged).reduce((a, b) => a + b, 0)} in all)`,
    `Killed while opening the database: ${report.killedDuring.opening}; between writes: ${report.killedDuring.betweenWrites}; inside a write: ${inTransaction || 'none'}`,
    `Finally: ${report.final.people} people, ${report.final.auditEvents} audit events, database ${(report.final.databaseBytes / 1e6).toFixed(1)} MB + WAL ${(report.final.walBytes / 1e6).toFixed(1)} MB, ${report.final.staleTemporaryFiles} stale temporary files`,
  ];
  if (report.failure) {
    lines.push(
      `FAILED in round ${report.failure.round} (replay with seed ${report.failure.seed}; data kept in ${report.failure.dataDirectory}):`,
      ...report.failure.problems.slice(0, 20).map((problem) => `  - ${problem}`),
      'Writer output (last lines):',
      report.failure.writerOutput,
    );
  }
  return lines.join('\n');
}
