import { mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanWellApp } from '../../src-main/app';
import { createApp } from '../../src-main/app';
import { maxReceiptBytes, type ChannelName } from '../../src-shared/contract';
import type { AppErrorBody, Result } from '../../src-shared/result';
import { RecordingClock } from '../fixtures/clock';
import { practiceState, sessionSqlite } from '../fixtures/database';
import { callOk } from '../fixtures/dispatch';
import { nhsNumberSource } from '../fixtures/nhs-numbers';
import { createPracticeTemplate, practiceFrom, type PracticeFixture, type PracticeTemplate } from '../fixtures/practice';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

/**
 * Files from outside, damaged and oversized: people and directory CSV files, receipts and backup
 * files. Each must be refused in words (INVALID_INPUT, or the channel's own documented refusal),
 * never INTERNAL, and a refusal must write nothing.
 */

const megabyte = 1024 * 1024;

let template: PracticeTemplate;
let practice: PracticeFixture;
/** Files made for the backup cases: damaged copies of a real backup. */
let files: string;
const loggedErrors: string[] = [];

beforeAll(async () => {
  files = makeTempDir();
  // The administrator is also a link worker: people, budgets, the directory and backups in one session.
  template = await createPracticeTemplate({ clinicalRoles: ['link-worker'] });
  practice = await practiceFrom(template, {
    signIn: true,
    clock: new RecordingClock(new Date('2026-04-01T09:00:00.000Z')),
    backupDirectory: join(files, 'made-by-the-app'),
    logError: (channel, error) => loggedErrors.push(`${channel}: ${error instanceof Error ? error.message : String(error)}`),
  });
});
afterAll(async () => {
  await practice.close();
  template.remove();
  removeTempDir(files);
  expect(loggedErrors, 'errors logged in the main process').toEqual([]);
});

function listing(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
}

/**
 * Everything a refusal must leave as it was: every table's rows, the key file and audit head
 * (practiceState), every row change the connection has made (total_changes: an UPDATE leaves the
 * counts alone), and the files in the data folder and beside the backups.
 */
function snapshot(app: PlanWellApp = practice.app, dataDirectory = practice.dataDirectory) {
  return {
    practice: practiceState(app, dataDirectory),
    changes: sessionSqlite(app).prepare('SELECT total_changes()').pluck().get(),
    files: listing(dataDirectory),
    backups: listing(files),
  };
}

type Answer = Result<unknown>;

async function send(channel: ChannelName, input: unknown, app: PlanWellApp = practice.app): Promise<Answer> {
  return app.dispatch(channel, input);
}

/** A refusal in words the member of staff can act on: a known code, never INTERNAL, with a message. */
function expectRefusal(answer: Answer, codes: AppErrorBody['code'][] = ['INVALID_INPUT']): AppErrorBody {
  expect(answer.ok, JSON.stringify(answer).slice(0, 300)).toBe(false);
  if (answer.ok) throw new Error('unreachable');
  expect(codes, `${answer.error.code}: ${answer.error.message}`).toContain(answer.error.code);
  expect(answer.error.message.trim()).not.toBe('');
  return answer.error;
}

/** Damage done to a file's text the way files are damaged: cut short, bytes flipped, junk spliced in, decoded wrongly. */
type Damage =
  | { kind: 'cut'; at: number }
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'splice'; at: number; text: string }
  | { kind: 'drop'; at: number; length: number }
  | { kind: 'repeat-line'; at: number; times: number }
  | { kind: 'decode'; as: 'latin1' | 'utf16le' | 'ucs2' };

const hostileText = fc.oneof(
  fc.constantFrom('"', '""', ',', '\n', '\r', '\r\n', '\u0000', '\uFFFD', '\uFEFF', '\t', ';', '=SUM(A1)', '\u202E', '👩‍👩‍👧‍👦', '\uD800', 'é', '\\'),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const damageArbitrary: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), text: hostileText }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('repeat-line' as const), at: fc.nat(), times: fc.integer({ min: 2, max: 3000 }) }),
  fc.record({ kind: fc.constant('decode' as const), as: fc.constantFrom('latin1' as const, 'utf16le' as const, 'ucs2' as const) }),
);

function damage(text: string, how: Damage): string {
  const position = (at: number, length: number) => (length === 0 ? 0 : at % length);
  switch (how.kind) {
    case 'cut':
      return text.slice(0, position(how.at, text.length));
    case 'flip': {
      // As a disk or a copy damages a file: on the bytes, then read back as UTF-8 (a broken sequence becomes U+FFFD).
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length > 0) bytes[position(how.at, bytes.length)] = how.byte;
      return bytes.toString('utf8');
    }
    case 'splice': {
      const at = position(how.at, text.length);
      return `${text.slice(0, at)}${how.text}${text.slice(at)}`;
    }
    case 'drop': {
      const at = position(how.at, text.length);
      return `${text.slice(0, at)}${text.slice(at + how.length)}`;
    }
    case 'repeat-line': {
      const lines = text.split('\n');
      const at = position(how.at, lines.length);
      lines.splice(at, 0, ...Array.from({ length: how.times }, () => lines[at] ?? ''));
      return lines.join('\n');
    }
    case 'decode':
      return Buffer.from(text, 'utf8').toString(how.as);
  }
}

const damagesArbitrary = fc.array(damageArbitrary, { minLength: 0, maxLength: 4 });

// ---------------------------------------------------------------------------------------------

describe('people CSV files (people.importPreview, people.importCommit)', () => {
  const nextNhsNumber = nhsNumberSource('999871');
  const header = 'Given name,Family name,Date of birth,NHS number,Postcode,Email';
  const validFile = () =>
    [header, ...Array.from({ length: 12 }, (_, i) => `Ada${i},"Sample, Jr",${10 + i}/12/1950,${nextNhsNumber()},LS1 4AP,ada${i}@example.com`)].join('\r\n');

  it('a damaged file is refused in words or checked row by row; a commit of its preview adds exactly its valid rows', async () => {
    let committed = 0;
    await fc.assert(
      fc.asyncProperty(damagesArbitrary, async (damages) => {
        const csv = damages.reduce(damage, validFile());
        const before = snapshot();
        const preview = await send('people.importPreview', { csv });
        // A preview never writes, whatever it answers.
        expect(snapshot()).toEqual(before);
        if (!preview.ok) {
          const error = expectRefusal(preview);
          expect(error.issues?.map((issue) => issue.path.split('.')[0])).toEqual(expect.arrayContaining([expect.stringMatching(/^(csv|mapping)$/)]));
          return;
        }
        const report = preview.value as { validRows: number; missingFields: string[]; fingerprint: string };
        const commit = await send('people.importCommit', { csv, fingerprint: report.fingerprint });
        if (report.missingFields.length > 0 || report.validRows === 0) {
          expectRefusal(commit);
          expect(snapshot()).toEqual(before);
          return;
        }
        expect(commit.ok, JSON.stringify(commit).slice(0, 300)).toBe(true);
        const added = (commit as { ok: true; value: { added: number } }).value.added;
        expect(added).toBe(report.validRows);
        const after = practiceState(practice.app, practice.dataDirectory);
        expect(after.counts.person).toBe(before.practice.counts.person! + added);
        expect(after.counts.audit_event).toBe(before.practice.counts.audit_event! + 1);
        committed += 1;
      }),
      { numRuns: 60 },
    );
    // Enough files survive the damage for the commit path to have been walked.
    expect(committed).toBeGreaterThan(3);
  });

  const refused: [string, () => unknown][] = [
    ['more than 200 columns', () => ({ csv: `${Array.from({ length: 201 }, (_, i) => `Column ${i}`).join(',')}\n${'x,'.repeat(200)}x\n` })],
    ['a file saved as UTF-16 and read as UTF-8', () => ({ csv: Buffer.from(validFile(), 'utf16le').toString('utf8') })],
    ['a spreadsheet (zip) chosen by mistake', () => ({ csv: Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(2000, 7)]).toString('latin1') })],
    ['only a byte order mark', () => ({ csv: '\uFEFF' })],
    ['10 MB of one unclosed quotation mark', () => ({ csv: `"${'x'.repeat(10 * megabyte - 1)}` })],
    ['one character over 10 MB', () => ({ csv: 'x'.repeat(10 * megabyte + 1) })],
    ['12 MB: more than any request may hold', () => ({ csv: 'x'.repeat(12 * megabyte) })],
    ['a mapping to a column the file lacks', () => ({ csv: validFile(), mapping: { givenName: 'Forename', familyName: 'Family name', dateOfBirth: 'Date of birth', nhsNumber: 'NHS number' } })],
    ['a mapping with prototype keys', () => ({ csv: validFile(), mapping: JSON.parse('{"__proto__":{"givenName":"Given name"},"constructor":"x"}') as unknown })],
    ['a mapping that is an array', () => ({ csv: validFile(), mapping: ['Given name'] })],
  ];
  for (const [what, input] of refused) {
    it(`${what} is refused with INVALID_INPUT and nothing is written`, async () => {
      const before = snapshot();
      expectRefusal(await send('people.importPreview', input()));
      expectRefusal(await send('people.importCommit', { ...(input() as object), fingerprint: 'a'.repeat(64) }));
      expect(snapshot()).toEqual(before);
    });
  }

  it('one cell of 5 MB makes that row invalid, shortened in the report; the rest of the file is read', async () => {
    const csv = `${header}\n${'A'.repeat(5 * megabyte)},Sample,10/12/1950,${nextNhsNumber()},,\nBea,Sample,11/12/1950,${nextNhsNumber()},,\n`;
    const before = snapshot();
    const preview = await send('people.importPreview', { csv });
    expect(preview.ok).toBe(true);
    const report = (preview as { ok: true; value: { validRows: number; invalidRows: number; rows: { values: Record<string, string> }[] } }).value;
    expect([report.validRows, report.invalidRows]).toEqual([1, 1]);
    expect(JSON.stringify(report).length).toBeLessThan(100_000);
    expect(snapshot()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe('directory CSV files (directory.importCsv)', () => {
  const header = 'Name,Category,Description,Area,Accessibility,Last checked,Offered';
  const validFile = () =>
    [header, ...Array.from({ length: 8 }, (_, i) => `Walking group ${randomUUID().slice(0, 8)} ${i},Physical activity and sport,"Walks, then tea",Riverside,Step-free access,2026-03-0${1 + (i % 9)},Yes`)].join('\n');

  function entries(): number {
    return sessionSqlite(practice.app).prepare('SELECT count(*) FROM directory_entry').pluck().get() as number;
  }

  it('a damaged file goes in whole or not at all: refused in words, or every row checked and nothing written while any has a problem', async () => {
    let committed = 0;
    await fc.assert(
      fc.asyncProperty(damagesArbitrary, async (damages) => {
        const csv = damages.reduce(damage, validFile());
        const before = snapshot();
        const answer = await send('directory.importCsv', { csv, commit: true });
        if (!answer.ok) {
          expectRefusal(answer);
          expect(snapshot()).toEqual(before);
          return;
        }
        const report = answer.value as { added: number; updated: number; problems: unknown[]; committed: boolean };
        if (!report.committed) {
          expect(snapshot()).toEqual(before);
          return;
        }
        expect(report.problems).toEqual([]);
        expect(entries()).toBe(before.practice.counts.directory_entry! + report.added);
        committed += 1;
      }),
      { numRuns: 60 },
    );
    expect(committed).toBeGreaterThan(3);
  });

  const refused: [string, () => unknown][] = [
    ['an empty file', () => ({ csv: '', commit: true })],
    ['a file of NULs', () => ({ csv: '\u0000'.repeat(1000), commit: true })],
    ['a PDF chosen by mistake', () => ({ csv: `%PDF-1.4\n${Buffer.alloc(3000, 0x9c).toString('latin1')}`, commit: true })],
    ['a header without the columns an export has', () => ({ csv: 'Title,Kind\nWalk,Sport\n', commit: true })],
    ['one character over 2 MB', () => ({ csv: `${header}\n${'x'.repeat(2_000_000)}`, commit: true })],
    ['12 MB: more than any request may hold', () => ({ csv: 'x'.repeat(12 * megabyte), commit: true })],
  ];
  for (const [what, input] of refused) {
    it(`${what} is refused with INVALID_INPUT and nothing is written`, async () => {
      const before = snapshot();
      expectRefusal(await send('directory.importCsv', input()));
      expect(snapshot()).toEqual(before);
    });
  }

  it('2 MB of rows with problems is checked in one go and nothing is written', async () => {
    const line = 'A walk,Not a category,,,Jetpack access,31/02/2026,Maybe\n';
    const csv = `${header}\n${line.repeat(Math.floor((2_000_000 - header.length - 1) / line.length))}`;
    const before = snapshot();
    const answer = await send('directory.importCsv', { csv, commit: true });
    expect(answer).toMatchObject({ ok: true, value: { committed: false } });
    expect(snapshot()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe('receipts (budgets.recordSpend)', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
  const signatures = { 'image/png': png, 'image/jpeg': jpeg, 'application/pdf': pdf } as const;
  let spend: { personId: string; itemId: string; spentOn: string; amountPence: number; payee: string };

  beforeAll(async () => {
    const part = randomUUID();
    const item = randomUUID();
    const goal = randomUUID();
    const person = await callOk(practice.app, 'people.create', { givenName: 'Rhys', familyName: 'Receipt', dateOfBirth: '1961-05-06', nhsNumber: nhsNumberSource('999872')() });
    const draft = await callOk(practice.app, 'plans.startDraft', { personId: person.id });
    const plan = await callOk(practice.app, 'plans.saveDraft', {
      planId: draft.id, rowVersion: draft.rowVersion,
      content: { whatMatters: 'Getting out on my own terms.', goals: [{ id: goal, outcome: 'Go to the shops by myself' }], reviewDate: '2026-07-01' },
    });
    const saved = await callOk(practice.app, 'plans.saveBudget', {
      planId: plan.id, rowVersion: plan.rowVersion,
      budget: {
        agreedPence: 500_000, periodStart: '2026-04-01',
        parts: [{ id: part, funder: 'chc', amountPence: 500_000, holding: { kind: 'notional' } }],
        items: [{ id: item, category: 'equipment', description: 'A wheelchair', partId: part, cost: { kind: 'one-off', amountPence: 240_000 } }],
      },
    });
    await callOk(practice.app, 'plans.agree', { planId: plan.id, rowVersion: saved.rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: '2026-04-01' });
    spend = { personId: person.id, itemId: item, spentOn: '2026-04-01', amountPence: 1000, payee: 'Mobility shop' };
  });

  type Encoding = 'base64' | 'base64url' | 'wrapped at 76' | 'data URL' | 'no padding' | 'with spaces';
  function encode(bytes: Buffer, how: Encoding, type: string): string {
    const text = bytes.toString('base64');
    switch (how) {
      case 'base64': return text;
      case 'base64url': return bytes.toString('base64url');
      case 'wrapped at 76': return text.replace(/.{76}/g, '$&\r\n');
      case 'data URL': return `data:${type};base64,${text}`;
      case 'no padding': return text.replace(/=+$/, '');
      case 'with spaces': return text.replace(/.{8}/g, '$& ');
    }
  }

  it('a damaged, mislabelled or wrongly encoded receipt is refused with INVALID_INPUT and nothing is written; a real one is kept byte for byte', async () => {
    let kept = 0;
    const known = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          // Anything: a signature or none or half of one, any label, any encoding, any name.
          { arbitrary: fc.record({
            start: fc.constantFrom<keyof typeof signatures | 'none' | 'cut'>('image/png', 'image/jpeg', 'application/pdf', 'none', 'cut'),
            body: fc.uint8Array({ maxLength: 4096 }),
            type: fc.constantFrom('image/png', 'image/jpeg', 'application/pdf', 'image/gif', 'text/html', 'application/x-msdownload', 'image/svg+xml', ''),
            encoding: fc.constantFrom<Encoding>('base64', 'base64url', 'wrapped at 76', 'data URL', 'no padding', 'with spaces'),
            name: fc.oneof(fc.constantFrom('receipt.pdf', '../../receipt.exe', 'receipt\u202Efdp.exe', '', ' ', 'x'.repeat(201), 'scan\u0000.png'), fc.string({ unit: 'binary', maxLength: 30 })),
          }), weight: 3 },
          // A real receipt, labelled as what it is: these must be kept.
          { arbitrary: fc.record({
            start: fc.constantFrom<keyof typeof signatures>('image/png', 'image/jpeg', 'application/pdf'),
            body: fc.uint8Array({ maxLength: 4096 }),
            encoding: fc.constant<Encoding>('base64'),
            name: fc.constant('receipt'),
          }).map((real) => ({ ...real, type: real.start as string })), weight: 1 },
        ),
        async ({ start, body, type, encoding, name }) => {
          const head = start === 'none' ? Buffer.alloc(0) : start === 'cut' ? png.subarray(0, 5) : signatures[start];
          const bytes = Buffer.concat([head, body]);
          const receipt = { name, type, base64: encode(bytes, encoding, type) };
          const before = snapshot();
          const answer = await send('budgets.recordSpend', { ...spend, receipt });
          if (!answer.ok) {
            expectRefusal(answer);
            expect(snapshot()).toEqual(before);
            return;
          }
          // Kept only when it is the kind it says, and exactly the bytes sent.
          expect(start).toBe(type);
          const summary = answer.value as { spends: { id: string }[] };
          const added = summary.spends.filter((s) => !known.has(s.id));
          for (const s of summary.spends) known.add(s.id);
          expect(added).toHaveLength(1);
          const stored = await callOk(practice.app, 'budgets.receipt', { spendId: added[0]!.id });
          expect(Buffer.from(stored.base64, 'base64').equals(bytes)).toBe(true);
          kept += 1;
        },
      ),
      { numRuns: 80 },
    );
    expect(kept).toBeGreaterThan(0);
  });

  const oversized: [string, () => Buffer][] = [
    ['one byte over 5 MB', () => Buffer.concat([pdf, Buffer.alloc(maxReceiptBytes + 1 - pdf.length)])],
    ['8 MB', () => Buffer.concat([pdf, Buffer.alloc(8 * megabyte)])],
    ['empty', () => Buffer.alloc(0)],
  ];
  for (const [what, bytes] of oversized) {
    it(`a receipt that is ${what} is refused with INVALID_INPUT and nothing is written`, async () => {
      const before = snapshot();
      expectRefusal(await send('budgets.recordSpend', { ...spend, receipt: { name: 'scan.pdf', type: 'application/pdf', base64: bytes().toString('base64') } }));
      expect(snapshot()).toEqual(before);
    });
  }

  it('a receipt of exactly 5 MB is kept', async () => {
    const bytes = Buffer.concat([pdf, Buffer.alloc(maxReceiptBytes - pdf.length, 0x20)]);
    const answer = await send('budgets.recordSpend', { ...spend, receipt: { name: 'scan.pdf', type: 'application/pdf', base64: bytes.toString('base64') } });
    expect(answer.ok, JSON.stringify(answer).slice(0, 300)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe('backup files (backups.inspect and backups.restore; setup.inspectBackup and setup.restoreBackup on a new machine)', () => {
  const magic = 'PLANWELL-BACKUP 1\n';
  let real: Buffer;
  let headerEnd: number;
  /** A PlanWell with no practice yet, as on a new machine: its folder must stay as it is. */
  let newMachine: { app: PlanWellApp; dataDirectory: string };

  beforeAll(async () => {
    const made = await callOk(practice.app, 'backups.now', {});
    real = readFileSync(join(files, 'made-by-the-app', made.fileName));
    headerEnd = real.indexOf(0x0a, magic.length);
    const dataDirectory = makeTempDir();
    newMachine = { app: createApp({ dataDirectory, idleCheckMilliseconds: 0, logError: (channel, error) => loggedErrors.push(`${channel}: ${String(error)}`) }), dataDirectory };
  });
  afterAll(async () => {
    await newMachine.app.close();
    removeTempDir(newMachine.dataDirectory);
  });

  function headerOf(bytes: Buffer): { manifest: Record<string, unknown>; keyring: unknown } {
    return JSON.parse(bytes.subarray(magic.length, headerEnd).toString('utf8')) as { manifest: Record<string, unknown>; keyring: unknown };
  }

  /** A backup whose header says what its (replaced) database bytes are: size and checksum agree. */
  function consistent(database: Buffer, change: (manifest: Record<string, unknown>) => void = () => undefined): Buffer {
    const header = headerOf(real);
    header.manifest.databaseBytes = database.length;
    header.manifest.checksum = createHash('sha256').update(database).digest('hex');
    change(header.manifest);
    return Buffer.concat([Buffer.from(magic), Buffer.from(`${JSON.stringify(header)}\n`), database]);
  }

  let counter = 0;
  function backupFile(contents: Buffer | string, name = `damaged-${(counter += 1)}.planwell-backup`): string {
    const path = join(files, name);
    writeFileSync(path, contents);
    return path;
  }

  const database = () => real.subarray(headerEnd + 1);

  /** Damaged files whose header cannot be read: refused when inspected and when restored. */
  const unreadable: [string, () => string][] = [
    ['a file that is not there', () => join(files, 'missing.planwell-backup')],
    ['a file with another extension', () => backupFile(real, 'backup.zip')],
    ['an empty file', () => backupFile('')],
    ['random bytes', () => backupFile(Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)))],
    ['the first line cut short', () => backupFile(real.subarray(0, 10))],
    ['the format line and nothing else', () => backupFile(magic)],
    ['a description longer than 1 MB', () => backupFile(`${magic}${' '.repeat(megabyte + 10)}\n`)],
    ['a description that is not JSON', () => backupFile(`${magic}{"manifest": \n`)],
    ['a description cut in the middle', () => backupFile(real.subarray(0, magic.length + 200))],
    ['a description in the wrong form', () => backupFile(`${magic}${JSON.stringify({ manifest: { createdAt: 1 }, keyring: [] })}\n`)],
    ['a description with prototype keys', () => backupFile(`${magic}{"__proto__":{"manifest":{}},"constructor":{"prototype":{"polluted":1}}}\n`)],
    ['a description nested 10,000 levels deep', () => backupFile(`${magic}${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)],
    ['a 2 GB file (sparse) of zeros', () => {
      const path = backupFile('');
      truncateSync(path, 2 * 1024 * megabyte);
      return path;
    }],
    ['a link to /dev/zero', () => {
      const path = join(files, `zero-${(counter += 1)}.planwell-backup`);
      symlinkSync('/dev/zero', path);
      return path;
    }],
  ];

  /** Headers that read, over database bytes that are wrong: refused when restored (inspect reads only the header). */
  const damagedDatabase: [string, () => string][] = [
    ['its database cut short', () => backupFile(real.subarray(0, real.length - 4096))],
    ['a byte of its database changed', () => {
      const copy = Buffer.from(real);
      copy[headerEnd + 5000] = (copy[headerEnd + 5000] ?? 0) ^ 0xff;
      return backupFile(copy);
    }],
    ['2 GB (sparse) where its database should be', () => {
      const path = backupFile(real);
      truncateSync(path, 2 * 1024 * megabyte);
      return path;
    }],
    ['a manifest counting rows its database does not hold', () => backupFile(consistent(database(), (manifest) => {
      manifest.rowCounts = { ...(manifest.rowCounts as Record<string, number>), person: 999 };
    }))],
  ];

  /**
   * The database bytes changed and the checksum made to agree, as someone changing a backup on a
   * shared drive would: the key opens the slot, but the copy fails its check.
   */
  const forgedDatabase: [string, () => string][] = [
    ['a page of its database changed, the checksum made to agree', () => {
      const changed = Buffer.from(database());
      for (let i = 8192; i < 8192 + 64; i += 1) changed[i] = (changed[i] ?? 0) ^ 0x5a;
      return backupFile(consistent(changed));
    }],
  ];

  const restoreWith = (path: string) => ({ path, username: template.admin.username, password: template.admin.password });

  /** Restored here and on a new machine, and inspected too when its header cannot be read (a readable one is shown). */
  async function everyBackupChannel(file: string, headerReadable: boolean, codes: AppErrorBody['code'][]): Promise<void> {
    if (!headerReadable) {
      expectRefusal(await send('backups.inspect', { path: file }), codes);
      expectRefusal(await send('setup.inspectBackup', { path: file }, newMachine.app), codes);
    }
    expectRefusal(await send('backups.restore', restoreWith(file)), codes);
    expectRefusal(await send('setup.restoreBackup', restoreWith(file), newMachine.app), codes);
  }


  for (const [what, path] of unreadable) {
    it(`${what}: refused with INVALID_INPUT when inspected or restored, here and on a new machine, and nothing is written`, async () => {
      const file = path();
      const before = snapshot();
      const newMachineBefore = listing(newMachine.dataDirectory);
      await everyBackupChannel(file, false, ['INVALID_INPUT']);
      expect(snapshot()).toEqual(before);
      expect(listing(newMachine.dataDirectory)).toEqual(newMachineBefore);
    });
  }

  for (const [what, path] of [...damagedDatabase, ...forgedDatabase]) {
    it(`${what}: refused with INVALID_INPUT when restored, here and on a new machine, and nothing is written`, async () => {
      const file = path();
      const before = snapshot();
      const newMachineBefore = listing(newMachine.dataDirectory);
      await everyBackupChannel(file, true, ['INVALID_INPUT']);
      expect(snapshot()).toEqual(before);
      expect(listing(newMachine.dataDirectory)).toEqual(newMachineBefore);
    });
  }

  /**
   * Found by this fuzz and mended in the backup file reader: each was answered INTERNAL (a damaged
   * copy even as damage to the live database), though nothing was written.
   */
  const foundBugs: { what: string; path: () => string; headerReadable: boolean; bug: string }[] = [
    {
      what: 'a backup whose database bytes are not a database (checksum made to agree)',
      path: () => backupFile(consistent(Buffer.alloc(database().length))),
      headerReadable: true,
      bug: 'restoring it is refused as a damaged backup, not reported as damage to the live database',
    },
    {
      what: 'a folder named like a backup',
      path: () => {
        const folder = join(files, `folder-${(counter += 1)}.planwell-backup`);
        mkdirSync(folder);
        return folder;
      },
      headerReadable: false,
      bug: 'inspecting or restoring it is refused as not a backup file',
    },
  ];

  for (const { what, path, headerReadable, bug } of foundBugs) {
    it(`${what}: ${bug} wherever it is sent, and nothing is written`, async () => {
      const file = path();
      const before = snapshot();
      const newMachineBefore = listing(newMachine.dataDirectory);
      await everyBackupChannel(file, headerReadable, ['INVALID_INPUT']);
      expect(snapshot()).toEqual(before);
      expect(listing(newMachine.dataDirectory)).toEqual(newMachineBefore);
      expect(loggedErrors).toEqual([]);
    });
  }
});
