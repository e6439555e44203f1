import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanWellApp } from '../../src-main/app';
import { dataPaths } from '../../src-main/auth/vault';
import { contract, permissionsFor, roles, type ChannelName, type Role } from '../../src-shared/contract';
import { errorCodes, type ErrorCode } from '../../src-shared/result';
import { channelNames, channelSamples } from '../fixtures/channel-samples';
import { RecordingClock } from '../fixtures/clock';
import { createPracticeTemplate, practiceFrom, type PracticeFixture, type PracticeTemplate } from '../fixtures/practice';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

/**
 * Every channel of the contract, called thousands of times in all with random and malformed input
 * (wrong types, strings of megabytes, nesting 10,000 deep, cycles, prototype keys, NaN and
 * Infinity, odd Unicode, and mutations of the channel's valid sample so that many inputs get past
 * the first check) by each role and by nobody. Every answer must be a typed Result, nothing may
 * pollute a prototype, and a refused call must leave the practice exactly as it was.
 */

type CallerState = Role | 'signed-out';
const callerStates: CallerState[] = [...roles, 'signed-out'];

/** One member of staff per role, each holding only that role (as in permissions.test.ts). */
const userFor: Record<Role, string> = {
  administrator: 'ada.admin',
  'link-worker': 'lena.link',
  nurse: 'nora.nurse',
  viewer: 'vic.viewer',
};

/** Inputs reaching the schema (and perhaps a service) get many runs; those refused first get a few. */
const runsWhenParsed = 18;
const runsWhenRefusedFirst = 4;
/** Each input these parse costs a scrypt (a password or recovery code tried, a key slot made) or a whole backup. */
const expensiveChannels: ReadonlySet<ChannelName> = new Set([
  'auth.logIn', 'auth.recover', 'auth.unlock', 'auth.changePassword', 'setup.replaceRecoveryCode', 'setup.createPractice',
  'staff.create', 'staff.resetPassword', 'backups.now', 'backups.restore', 'setup.restoreBackup',
]);
const runsWhenExpensive = 10;
/** Random each run; PLANWELL_FUZZ_SEED=… repeats a run that found something (the seed is printed). */
const seed = Number(process.env.PLANWELL_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

// ---------------------------------------------------------------------------------------------
// Values. Everything is what Electron's structured clone or the preview host's JSON.parse can
// deliver: no functions, symbols or getters, but cycles, Maps, Dates and typed arrays.

const megabyte = 1024 * 1024;
const hugeStrings: readonly { label: string; value: string }[] = [
  { label: '3 MB of "a"', value: 'a'.repeat(3 * megabyte) },
  { label: '2 MB of family emoji', value: '👩‍👩‍👧‍👦'.repeat(190_000) },
  { label: '1 MB of zero-width joiners and right-to-left marks', value: '\u200d\u202e'.repeat(megabyte / 2) },
  { label: '2 MB of CSV-looking lines', value: `${'x,'.repeat(99)}x\n`.repeat(10_000) },
  { label: '4 MB of base64 "A"', value: 'A'.repeat(4 * megabyte) },
  { label: 'one character over the 10 MB import limit', value: 'a'.repeat(10 * megabyte + 1) },
  { label: '12 MB of "b", more than any request may hold', value: 'b'.repeat(12 * megabyte) },
];

const oddStrings = [
  '', ' ', '   \t\n', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uD83Dy', '\uFEFF', '\uFFFE', '\uFFFF', '\u202Eevil', '\u200B', 'e\u0301\u0301\u0301',
  'İı', 'ß', 'ﷺ', '𝕏', '👩‍👩‍👧‍👦', '\r\n', '\r', '../../../etc/passwd', '..\\..\\windows', "' OR 1=1 --", '"; DROP TABLE person; --', '<script>alert(1)</script>',
  '=cmd|\' /C calc\'!A0', '%00', '%E0%A4%A', '${7*7}', '{{7*7}}', '__proto__', 'constructor', 'prototype', 'NaN', 'Infinity', '-0', 'null', 'undefined',
  'true', '0x10', '1e309', '2026-02-30', '9999-12-31', '0000-00-00', '2026-13-01', '1900-01-01', 'ABCDE-FGHJK-MNPQR-STVWX-YZ234', '999 000 0000',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '0'.repeat(64), 'Z'.repeat(201), 'x'.repeat(1001), 'x'.repeat(65_537),
];

const oddNumbers = [
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, -1, 1, 0.5, 1e-7, 5e-324, 1e308, Number.MAX_VALUE, Number.MIN_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 1_000_000_001, 10_000_000_000,
];

const stringArbitrary: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string(), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary' }), weight: 2 },
  { arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }), weight: 2 },
  { arbitrary: fc.constantFrom(...oddStrings), weight: 4 },
  { arbitrary: fc.uuid(), weight: 1 },
  { arbitrary: fc.constantFrom(...hugeStrings.map((huge) => huge.value)), weight: 1 },
);

const numberArbitrary: fc.Arbitrary<number> = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(...oddNumbers));

/** Leaves, and containers zod does not expect: the odd values a form field might be given. */
const strangeLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false),
  stringArbitrary,
  numberArbitrary,
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  // Made afresh each time: a later mutation may add to it.
  fc
    .constantFrom<() => unknown>(
      () => new Map([['a', 1]]), () => new Set([1, 2]), () => new Uint8Array(16), () => new ArrayBuffer(8), () => /x/g, () => new Error('boom'),
      () => Object.create(null), () => [], () => ({}), () => [[]], () => [{}], () => ({ length: 1e9 }), () => ({ 0: 'a', length: 1 }),
    )
    .map((make) => make()),
  fc.sparseArray(fc.integer(), { maxLength: 1000, maxNumElements: 3 }),
);

const anythingArbitrary: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 4,
  maxKeys: 6,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withObjectString: true,
  withBoxedValues: true,
  stringUnit: 'binary',
});

const strangeValue: fc.Arbitrary<unknown> = fc.oneof({ arbitrary: strangeLeaf, weight: 4 }, { arbitrary: anythingArbitrary, weight: 1 });

/** Nesting far deeper than any form: built in a loop, so making it cannot overflow this test's stack. */
function nested(depth: number, shape: 'object' | 'array' | 'mixed', leaf: unknown): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) {
    const asArray = shape === 'array' || (shape === 'mixed' && level % 2 === 0);
    value = asArray ? [value] : { a: value, values: value, content: value };
  }
  return value;
}

/** Own properties named __proto__, constructor and prototype, as JSON.parse makes them. */
const pollutingObjects: readonly { label: string; make: () => unknown }[] = [
  { label: '{"__proto__": {"polluted": "yes"}}', make: () => JSON.parse('{"__proto__":{"polluted":"yes"}}') },
  { label: '{"constructor": {"prototype": {"polluted": "yes"}}}', make: () => JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}') },
  { label: '{"prototype": {"polluted": "yes"}}', make: () => JSON.parse('{"prototype":{"polluted":"yes"}}') },
  { label: '{"__proto__": [1]} (an array as prototype)', make: () => JSON.parse('{"__proto__":[1],"length":1}') },
  { label: 'null-prototype object with toString/valueOf keys', make: () => Object.assign(Object.create(null) as object, { toString: 'x', valueOf: 1, hasOwnProperty: 'y' }) },
];

/** A value whose printed form is bounded (fast-check prints counterexamples; a 10,000-deep value would overflow it). */
class Case {
  constructor(
    readonly label: string,
    readonly input: unknown,
  ) {}

  [fc.toStringMethod](): string {
    return `${this.label}: ${preview(this.input)}`;
  }
}

/** A short, depth-limited picture of a value, for messages. */
function preview(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value.length > 60 ? `${JSON.stringify(value.slice(0, 60))}… (${value.length} characters)` : JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value !== 'object' || value === null) return String(value);
  if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
    return Object.prototype.toString.call(value);
  }
  if (depth >= 3) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) {
    const shown = value.slice(0, 4).map((item: unknown) => preview(item, depth + 1));
    return `[${shown.join(', ')}${value.length > 4 ? `, … ${value.length} items` : ''}]`;
  }
  const keys = Object.keys(value);
  const shown = keys.slice(0, 6).map((key) => `${JSON.stringify(key)}: ${preview((value as Record<string, unknown>)[key], depth + 1)}`);
  return `{${shown.join(', ')}${keys.length > 6 ? `, … ${keys.length} keys` : ''}}`;
}

// ---------------------------------------------------------------------------------------------
// Mutations of a channel's valid sample: most fields stay valid, so the input reaches deeper checks.

type Path = (string | number)[];

/** Plain objects and arrays: the containers a mutation steps into (not Maps, typed arrays, Dates). */
function isContainer(value: unknown): value is Record<string | number, unknown> {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Every place in the value, breadth first, each container once (an earlier mutation may have made a cycle). */
function pathsOf(root: unknown): Path[] {
  const paths: Path[] = [[]];
  const seen = new Set<unknown>();
  for (let index = 0; index < paths.length && paths.length < 2000; index += 1) {
    const path = paths[index]!;
    const value = getAt(root, path);
    if (!isContainer(value) || seen.has(value) || path.length > 40) continue;
    seen.add(value);
    for (const key of Object.keys(value)) paths.push([...path, Array.isArray(value) ? Number(key) : key]);
  }
  return paths;
}

function getAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const step of path) value = isContainer(value) ? value[step] : undefined;
  return value;
}

/** Sets an own property, even one named __proto__ (as JSON.parse does); false if the container refuses. */
function defineOwn(target: unknown, key: string | number, value: unknown): boolean {
  if (!isContainer(target) || !Object.isExtensible(target)) return false;
  try {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    return true;
  } catch {
    return false; // an array's length, say
  }
}

/** Replaces the value at `path` (the root when the path is empty) and returns the new root. */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  defineOwn(getAt(root, path.slice(0, -1)), path[path.length - 1]!, value);
  return root;
}

type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown }
  | { kind: 'swap'; at: number }
  | { kind: 'grow'; at: number; huge: number }
  | { kind: 'cycle'; at: number };

const extraKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'then', 'extra', ''), fc.string());

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: strangeValue }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: extraKey, value: strangeValue }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('grow' as const), at: fc.nat(), huge: fc.nat({ max: hugeStrings.length - 1 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('cycle' as const), at: fc.nat() }), weight: 1 },
);

/** The same value in the other shape: an object's values as an array, an array as an object, a scalar in an array. */
function swapped(value: unknown): unknown {
  if (Array.isArray(value)) return Object.fromEntries(Array.from(value, (item: unknown, index) => [String(index), item]));
  if (typeof value === 'object' && value !== null) return Object.values(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return [value];
  return { value };
}

function applyMutation(root: unknown, mutation: Mutation): { root: unknown; label: string } {
  const paths = pathsOf(root);
  const path = paths[mutation.at % paths.length] ?? [];
  const where = path.length === 0 ? 'the input' : path.join('.');
  const target = getAt(root, path);
  switch (mutation.kind) {
    case 'set':
      return { root: setAt(root, path, mutation.value), label: `set ${where}` };
    case 'delete': {
      if (path.length === 0) return { root: undefined, label: 'left out the input' };
      const parent = getAt(root, path.slice(0, -1));
      if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
      else if (isContainer(parent)) Reflect.deleteProperty(parent, path[path.length - 1]!);
      return { root, label: `deleted ${where}` };
    }
    case 'add': {
      if (defineOwn(target, mutation.key, mutation.value)) return { root, label: `added ${JSON.stringify(mutation.key)} to ${where}` };
      const replacement = {};
      defineOwn(replacement, mutation.key, mutation.value);
      return { root: setAt(root, path, replacement), label: `replaced ${where} with an object holding ${JSON.stringify(mutation.key)}` };
    }
    case 'swap':
      return { root: setAt(root, path, swapped(target)), label: `swapped the shape of ${where}` };
    case 'grow': {
      const huge = hugeStrings[mutation.huge]!;
      const grown = Array.isArray(target) ? Array.from({ length: 20_000 }, () => target[0] ?? huge.value) : huge.value;
      return { root: setAt(root, path, grown), label: `made ${where} ${Array.isArray(target) ? '20,000 items long' : huge.label}` };
    }
    case 'cycle':
      if (defineOwn(target, 'self', root)) return { root, label: `made ${where} refer back to the input` };
      return { root: setAt(root, path, [root]), label: `put the input inside itself at ${where}` };
  }
}

/** The channel's valid sample; a backup folder is moved into this run's sandbox, so it may be saved. */
function sampleFor(channel: ChannelName): unknown {
  if (channel === 'backups.saveSettings') return { ...channelSamples[channel], folder: join(sandbox, 'backups') };
  return channelSamples[channel];
}

function mutatedSample(channel: ChannelName): fc.Arbitrary<Case> {
  const sample = sampleFor(channel);
  return fc
    .oneof({ arbitrary: fc.constant<Mutation[]>([]), weight: 1 }, { arbitrary: fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), weight: 5 })
    .map((mutations) => {
      let root: unknown = structuredClone(sample);
      const labels: string[] = [];
      for (const mutation of mutations) {
        const applied = applyMutation(root, mutation);
        root = applied.root;
        labels.push(applied.label);
      }
      return new Case(labels.length === 0 ? 'the valid sample' : `the sample, ${labels.join(', then ')}`, root);
    });
}

const deepCase: fc.Arbitrary<Case> = fc
  .tuple(fc.constantFrom(10_000, 3_000, 30_000), fc.constantFrom('object' as const, 'array' as const, 'mixed' as const))
  .map(([depth, shape]) => new Case(`${shape} nesting ${depth.toLocaleString('en-GB')} levels deep`, nested(depth, shape, 'x')));

const deepInSample = (channel: ChannelName): fc.Arbitrary<Case> =>
  fc.tuple(fc.nat(), fc.constantFrom(10_000, 3_000)).map(([at, depth]) => {
    const root = structuredClone(sampleFor(channel));
    const paths = pathsOf(root);
    const path = paths[at % paths.length] ?? [];
    return new Case(`the sample with ${path.join('.') || 'the input'} nested ${depth.toLocaleString('en-GB')} levels deep`, setAt(root, path, nested(depth, 'mixed', 'x')));
  });

const topLevelCase: fc.Arbitrary<Case> = fc.oneof(
  strangeValue.map((value) => new Case('a random value', value)),
  fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }).map((value) => new Case('an array where an object is expected', value)),
  fc.constantFrom(...pollutingObjects).map((polluting) => new Case(polluting.label, polluting.make())),
  fc.constantFrom(...hugeStrings).map((huge) => new Case(`a bare string: ${huge.label}`, huge.value)),
  fc.constant(null).map(() => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    return new Case('an object that contains itself', cyclic);
  }),
);

function caseFor(channel: ChannelName): fc.Arbitrary<Case> {
  return fc.oneof(
    { arbitrary: mutatedSample(channel), weight: 8 },
    { arbitrary: topLevelCase, weight: 3 },
    { arbitrary: deepCase, weight: 1 },
    { arbitrary: deepInSample(channel), weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------
// What must hold for every call.

const knownCodes: ReadonlySet<string> = new Set(errorCodes);

/** Why this answer is not a typed Result, or null if it is one. */
function notATypedResult(result: unknown): string | null {
  if (typeof result !== 'object' || result === null) return `answered ${preview(result)}, not a Result`;
  const answer = result as { ok?: unknown; value?: unknown; error?: unknown };
  if (answer.ok === true) return 'value' in answer ? null : 'answered ok without a value';
  if (answer.ok !== false) return `answered ok: ${preview(answer.ok)}`;
  const error = answer.error as { code?: unknown; message?: unknown; issues?: unknown } | undefined;
  if (typeof error !== 'object' || error === null) return 'refused without an error';
  if (typeof error.code !== 'string' || !knownCodes.has(error.code)) return `refused with the unknown code ${preview(error.code)}`;
  if (typeof error.message !== 'string' || error.message.trim() === '') return 'refused without a message';
  if (error.issues !== undefined) {
    if (!Array.isArray(error.issues)) return 'issues is not a list';
    for (const issue of error.issues as unknown[]) {
      const { path, message } = (issue ?? {}) as { path?: unknown; message?: unknown };
      if (typeof path !== 'string' || typeof message !== 'string' || message === '') return `an issue without a path and message: ${preview(issue)}`;
    }
  }
  // It must cross the process boundary: Electron clones it, the preview host sends it as JSON.
  JSON.stringify(error);
  return null;
}

const prototypeNames = (target: object) => Object.getOwnPropertyNames(target).sort().join(',');
const prototypesBefore = {
  object: prototypeNames(Object.prototype),
  array: prototypeNames(Array.prototype),
  function: prototypeNames(Function.prototype),
};

function prototypesPolluted(): string | null {
  const probe: Record<string, unknown> = {};
  if (probe.polluted !== undefined || ([] as unknown as Record<string, unknown>).polluted !== undefined) return 'a "polluted" property appeared on every object';
  if (prototypeNames(Object.prototype) !== prototypesBefore.object) return 'Object.prototype gained or lost a property';
  if (prototypeNames(Array.prototype) !== prototypesBefore.array) return 'Array.prototype gained or lost a property';
  if (prototypeNames(Function.prototype) !== prototypesBefore.function) return 'Function.prototype gained or lost a property';
  return null;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * What a refused call must leave as it was. Signed in: SQLite's data_version as seen from a second
 * connection (it moves on any commit by the app's connection, whatever the table or the kind of
 * write, and not for a transaction rolled back), the key file, the audit head file and the files
 * in the data folder. Signed out the database is closed, so every file's bytes are compared.
 * About 0.2 ms a call, against about 2 ms for practiceState (every table counted), which over
 * two fingerprints for each of some 5,000 calls would add 20 s.
 */
interface Watcher {
  fingerprint(): string;
  close(): void;
}

function filesIn(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' }).sort();
}

function watch(app: PlanWellApp, dataDirectory: string): Watcher {
  const paths = dataPaths(dataDirectory);
  const session = app.vault.currentSession();
  const state = () => app.vault.state().kind;
  if (!session) {
    return {
      fingerprint: () =>
        JSON.stringify([
          state(),
          filesIn(dataDirectory).map((name) => {
            const file = join(dataDirectory, name);
            return [name, statSync(file).isFile() ? sha256(readFileSync(file)) : 'folder'];
          }),
        ]),
      close: () => undefined,
    };
  }
  const reader = new Database(paths.database, { readonly: true, fileMustExist: true });
  reader.pragma(`cipher='sqlcipher'`);
  reader.pragma('legacy=4');
  reader.pragma(`key="x'${session.databaseKey.toString('hex')}'"`);
  reader.prepare('SELECT count(*) FROM sqlite_master').get();
  const dataVersion = reader.prepare('PRAGMA data_version').pluck();
  return {
    fingerprint: () =>
      JSON.stringify([
        state(),
        dataVersion.get(),
        sha256(readFileSync(paths.keyring)),
        existsSync(paths.auditHead) ? sha256(readFileSync(paths.auditHead)) : null,
        filesIn(dataDirectory),
      ]),
    close: () => reader.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// Inputs that must not be sent, because their success would do harm outside the test's folders
// or end the session the rest of the run depends on.

let sandbox = '';

function within(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

function safeToSend(channel: ChannelName, state: CallerState, input: unknown): boolean {
  const guarded = channel === 'auth.lock' || channel === 'auth.logOut' || channel === 'backups.saveSettings' || channel === 'exports.startBatch';
  if (!guarded) return true;
  const parsed = contract[channel].input.safeParse(input);
  if (!parsed.success) return true;
  switch (channel) {
    // Success ends the session (on purpose, so not here: permissions.test.ts covers it).
    case 'auth.lock':
    case 'auth.logOut':
      return state === 'signed-out';
    // Success makes the folder and later backups go there: only inside this run's sandbox.
    case 'backups.saveSettings':
      return within(sandbox, resolve((parsed.data as { folder: string }).folder));
    // Success starts a batch that carries on writing after the answer.
    case 'exports.startBatch':
      return false;
  }
}

// ---------------------------------------------------------------------------------------------

interface Failure {
  state: CallerState;
  channel: ChannelName;
  input: string;
  problem: string;
}

const tally = new Map<string, number>();
const slowest: { what: string; milliseconds: number }[] = [];
const loggedErrors: { channel: string; error: unknown }[] = [];
let calls = 0;

function count(key: string): void {
  tally.set(key, (tally.get(key) ?? 0) + 1);
}

function mayReachSchema(state: CallerState, channel: ChannelName): boolean {
  const { permission } = contract[channel];
  if (permission === 'public') return true;
  return state !== 'signed-out' && permissionsFor([state]).has(permission);
}

function runsFor(state: CallerState, channel: ChannelName): number {
  if (!mayReachSchema(state, channel)) return runsWhenRefusedFirst;
  return expensiveChannels.has(channel) ? runsWhenExpensive : runsWhenParsed;
}

let template: PracticeTemplate;
const started = performance.now();
beforeAll(async () => {
  sandbox = makeTempDir();
  mkdirSync(join(sandbox, 'backups'));
  template = await createPracticeTemplate({
    staff: roles.map((role) => ({ username: userFor[role], fullName: `Only ${role}`, roles: [role] })),
  });
});
afterAll(() => {
  template.remove();
  removeTempDir(sandbox);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const codes = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `${key}: ${n}`);
  slowest.sort((a, b) => b.milliseconds - a.milliseconds);
  console.log(`[fuzz] ${calls} calls in ${seconds} s (PLANWELL_FUZZ_SEED=${seed})\n  ${codes.join('\n  ')}\n  slowest: ${slowest.slice(0, 5).map((s) => `${s.what} ${s.milliseconds.toFixed(0)} ms`).join('; ')}`);
});

for (const state of callerStates) {
  describe(`every channel fuzzed ${state === 'signed-out' ? 'while nobody is signed in' : `as someone who is only ${state === 'administrator' ? 'an' : 'a'} ${state}`}`, () => {
    let practice: PracticeFixture;
    let watcher: Watcher;
    beforeAll(async () => {
      practice = await practiceFrom(template, {
        signIn: state === 'signed-out' ? false : userFor[state],
        // Throttled log-ins wait on this clock, which moves on at once.
        clock: new RecordingClock(),
        logError: (channel, error) => loggedErrors.push({ channel, error }),
      });
      watcher = watch(practice.app, practice.dataDirectory);
    });
    afterAll(async () => {
      watcher.close();
      await practice.close();
    });

    it('the fingerprint notices a write (so an unchanged one means something)', async () => {
      const before = watcher.fingerprint();
      if (state === 'signed-out') {
        writeFileSync(join(practice.dataDirectory, 'probe'), 'x');
        expect(watcher.fingerprint()).not.toBe(before);
        rmSync(join(practice.dataDirectory, 'probe'));
      } else {
        expect(await practice.app.dispatch('drafts.save', { key: 'fuzz:probe', values: { written: true } })).toEqual({ ok: true, value: null });
        expect(watcher.fingerprint()).not.toBe(before);
      }
    });

    for (const channel of channelNames) {
      it(`${channel} (${contract[channel].permission}): typed answers, no pollution, nothing written when refused`, async () => {
        const failures: Failure[] = [];
        await fc.assert(
          fc.asyncProperty(caseFor(channel), async (testCase) => {
            fc.pre(safeToSend(channel, state, testCase.input));
            const before = watcher.fingerprint();
            const startedCall = performance.now();
            let result: unknown;
            try {
              result = await practice.app.dispatch(channel, testCase.input);
            } catch (error) {
              failures.push({ state, channel, input: testCase[fc.toStringMethod](), problem: `dispatch threw ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : preview(error)}` });
              return;
            }
            const milliseconds = performance.now() - startedCall;
            calls += 1;
            slowest.push({ what: `${state} ${channel} (${testCase.label})`, milliseconds });
            if (slowest.length > 50) slowest.sort((a, b) => b.milliseconds - a.milliseconds).splice(20);
            const problem = notATypedResult(result) ?? prototypesPolluted();
            const answer = result as { ok: boolean; error?: { code: ErrorCode; message: string } };
            count(`${state} ${answer.ok ? 'ok' : (answer.error?.code ?? '?')}`);
            if (problem) {
              failures.push({ state, channel, input: testCase[fc.toStringMethod](), problem });
              return;
            }
            if (!answer.ok && answer.error?.code === 'INTERNAL') {
              failures.push({ state, channel, input: testCase[fc.toStringMethod](), problem: `INTERNAL: ${answer.error.message}` });
            }
            if (!answer.ok && watcher.fingerprint() !== before) {
              failures.push({ state, channel, input: testCase[fc.toStringMethod](), problem: `refused with ${answer.error?.code} but something was written` });
            }
          }),
          { numRuns: runsFor(state, channel), seed },
        );
        const logged = loggedErrors.splice(0).map(({ channel: where, error }) => `${where}: ${error instanceof Error ? error.message.slice(0, 200) : preview(error)}`);
        expect(failures.map((f) => `${f.problem}\n    input: ${f.input}`), `${state} ${channel} (PLANWELL_FUZZ_SEED=${seed})`).toEqual([]);
        expect(logged, 'errors logged in the main process').toEqual([]);
      });
    }
  });
}

describe('the dispatcher refuses input no schema should have to walk, before zod sees it', () => {
  let practice: PracticeFixture;
  beforeAll(async () => {
    practice = await practiceFrom(template, { signIn: userFor['link-worker'] });
  });
  afterAll(() => practice.close());

  const deep = { code: 'INVALID_INPUT', message: 'PlanWell cannot read this request: it is nested too deeply.' };
  const large = { code: 'INVALID_INPUT', message: 'PlanWell cannot read this request: it is too large.' };
  const cyclic: Record<string, unknown> = { givenName: 'Ada' };
  cyclic.self = cyclic;
  /** Twenty levels of one array holding the level below twice: about a million paths through 21 objects. */
  let shared: unknown = 'x';
  for (let level = 0; level < 20; level += 1) shared = [shared, shared];

  const cases: [string, ChannelName, () => unknown, typeof deep][] = [
    ['a draft nested 10,000 levels deep', 'drafts.save', () => ({ key: 'k', values: { field: nested(10_000, 'object', 1) } }), deep],
    ['a draft nested 100,000 levels deep in arrays', 'drafts.save', () => ({ key: 'k', values: { field: nested(100_000, 'array', 1) } }), deep],
    ['a draft that contains itself', 'drafts.save', () => ({ key: 'k', values: cyclic }), deep],
    ['a value shared a million times over', 'drafts.save', () => ({ key: 'k', values: { field: shared } }), large],
    ['12 MB of text', 'people.importPreview', () => ({ csv: 'x'.repeat(12 * megabyte) }), large],
    ['two 6 MB strings', 'people.create', () => ({ givenName: 'a'.repeat(6 * megabyte), familyName: 'b'.repeat(6 * megabyte) }), large],
    ['an array of 2 million items', 'preferences.set', () => ({ key: 'caseload.columns', value: new Array<number>(2_000_000).fill(0) }), large],
  ];
  for (const [what, channel, input, answer] of cases) {
    it(`${what} (${channel})`, async () => {
      expect(await practice.app.dispatch(channel, input())).toEqual({ ok: false, error: answer });
    });
  }

  /** Found by the fuzz: agreePlanSchema's refinement read the input's fields before knowing it was an object. */
  it('plans.agree with null or undefined input is refused with INVALID_INPUT, not a crash in the schema', async () => {
    const logged: unknown[] = [];
    const app = await practiceFrom(template, { signIn: userFor['link-worker'], logError: (_channel, error) => logged.push(error) });
    try {
      for (const input of [null, undefined]) {
        expect(await app.app.dispatch('plans.agree', input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      }
      expect(logged).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('still reads a 10 MB import and a draft nested 60 levels deep', async () => {
    const csv = `Given name,Family name,Date of birth,NHS number\n${'x'.repeat(10 * megabyte - 60)}`;
    const imported = await practice.app.dispatch('people.importPreview', { csv });
    expect(imported.ok ? 'read' : imported.error.message).not.toContain('cannot read this request');
    expect(await practice.app.dispatch('drafts.save', { key: 'k', values: { field: nested(60, 'array', 1) } })).toEqual({ ok: true, value: null });
  });
});
