import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { closeSync, cpSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type PlanWellApp } from '../../src-main/app';
import { diskFullMessage } from '../../src-main/ipc/dispatch';
import type { BudgetInput } from '../../src-shared/contract';
import { isoDateInLondon } from '../../src-shared/format';
import { practiceState, sessionSqlite } from '../fixtures/database';
import { call, callOk } from '../fixtures/dispatch';
import { testNhsNumber } from '../fixtures/nhs-numbers';
import { createPracticeTemplate, practiceFrom, type PracticeTemplate } from '../fixtures/practice';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

/**
 * A full disk (issue 10): a payment with its receipt is saved when there is no room for it. The
 * save is refused with a message that says so and what to do; nothing already saved changes (rows,
 * audit trail, key file, audit head); the payment form's draft, kept before the disk filled, is
 * still there; and once space is freed the database checks out and the same save succeeds.
 *
 * Twice: on a real size-limited file system (a tmpfs, which needs root to mount: skipped with the
 * reason where that is refused), where SQLite meets ENOSPC writing its WAL; and with an injected
 * limit that always runs, SQLite's max_page_count, which fails the same save with the same
 * SQLITE_FULL before any write.
 */

let template: PracticeTemplate;
beforeAll(async () => {
  template = await createPracticeTemplate({ clinicalRoles: ['link-worker'] });
});
afterAll(() => template.remove());

const today = () => isoDateInLondon(new Date());

interface Payee {
  personId: string;
  itemId: string;
  draftKey: string;
  draft: Record<string, string>;
}

/** Someone with an agreed budget and one payment already recorded, and the payment form's draft saved. */
async function personWithBudget(app: PlanWellApp): Promise<Payee> {
  const person = await callOk(app, 'people.create', { givenName: 'Nell', familyName: 'Diskfull', dateOfBirth: '1948-02-11', nhsNumber: testNhsNumber('999444') });
  const draft = await callOk(app, 'plans.startDraft', { personId: person.id });
  const saved = await callOk(app, 'plans.saveDraft', {
    planId: draft.id, rowVersion: draft.rowVersion,
    content: { whatMatters: 'Staying in my own home.', goals: [{ id: randomUUID(), outcome: 'Get to the day centre twice a week' }], reviewDate: isoDateInLondon(new Date(Date.now() + 30 * 86_400_000)) },
  });
  const part = randomUUID();
  const itemId = randomUUID();
  const budget: BudgetInput = {
    agreedPence: 520_000,
    periodStart: today(),
    parts: [{ id: part, funder: 'chc', amountPence: 520_000, holding: { kind: 'direct-payment', recipient: 'person', separateAccountConfirmed: true, monitoring: 'quarterly' } }],
    items: [{ id: itemId, category: 'personal-assistant', description: 'Personal assistant', partId: part, cost: { kind: 'recurring', unitCostPence: 1_000, quantityHundredths: 1_000, unit: 'hour', per: 'week' } }],
  };
  const budgeted = await callOk(app, 'plans.saveBudget', { planId: saved.id, rowVersion: saved.rowVersion, budget });
  await callOk(app, 'plans.agree', { planId: saved.id, rowVersion: budgeted.rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: today() });
  await callOk(app, 'budgets.recordSpend', { personId: person.id, itemId, spentOn: today(), amountPence: 10_000, payee: 'First PA payment' });
  // What the payment form's autosave keeps while someone types (src-renderer/features/budgets/RecordPaymentForm.tsx).
  const draftKey = `person:${person.id}:budget-payment`;
  const typed = { itemId, spentOn: today(), amount: '1,250.00', payee: 'Sunrise Care Ltd', reference: 'INV-2207' };
  await callOk(app, 'drafts.save', { key: draftKey, values: typed });
  return { personId: person.id, itemId, draftKey, draft: typed };
}

/** The payment with a 3 MB scanned receipt: far more than the WAL has room for already. */
function paymentWithReceipt(payee: Payee) {
  const receipt = Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.alloc(3 * 1024 * 1024, 0x30)]);
  return {
    personId: payee.personId, itemId: payee.itemId, spentOn: today(), amountPence: 125_000, payee: 'Sunrise Care Ltd', reference: 'INV-2207',
    receipt: { name: 'invoice.pdf', type: 'application/pdf' as const, base64: receipt.toString('base64') },
  };
}

/** The save is refused with the disk-full message and changes nothing; the draft is still there. */
async function expectRefused(app: PlanWellApp, dataDirectory: string, payee: Payee): Promise<void> {
  const before = practiceState(app, dataDirectory);
  const refused = await call(app, 'budgets.recordSpend', paymentWithReceipt(payee));
  expect(refused).toEqual({ ok: false, error: { code: 'INTERNAL', message: diskFullMessage } });
  expect(practiceState(app, dataDirectory)).toEqual(before);
  expect((await callOk(app, 'drafts.get', { key: payee.draftKey }))?.values).toEqual(payee.draft);
}

/** Once space is freed, the database checks out and the same save goes through. */
async function expectSavedOnceFreed(app: PlanWellApp, payee: Payee, freeSpace: () => void): Promise<void> {
  freeSpace();
  expect(sessionSqlite(app).pragma('integrity_check', { simple: true })).toBe('ok');
  expect(await callOk(app, 'audit.verify', {})).toMatchObject({ intact: true });
  const summary = await callOk(app, 'budgets.recordSpend', paymentWithReceipt(payee));
  expect(summary.spends.map((spend) => spend.payee).sort()).toEqual(['First PA payment', 'Sunrise Care Ltd']);
  expect(summary.spends.find((spend) => spend.payee === 'Sunrise Care Ltd')?.receipt?.bytes).toBe(9 + 3 * 1024 * 1024);
}

/** Fills the file system holding `directory` to the last byte; returns the filler file. */
function fillDisk(directory: string): string {
  const filler = join(directory, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) {
      try {
        // The last write is short; the one after it finds no space at all.
        writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return filler;
        throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Mounts a tmpfs of this size, or says why it cannot (mounting needs root or CAP_SYS_ADMIN). */
function mountTmpfs(directory: string, size: string): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', directory], { stdio: 'pipe' });
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (error as Error).message;
  }
}

describe('a full disk', () => {
  it('on a size-limited file system: the save is refused clearly, nothing saved is damaged, the draft is kept', async (ctx) => {
    const mountPoint = makeTempDir();
    const cannotMount = mountTmpfs(mountPoint, '12m');
    if (cannotMount !== null) {
      removeTempDir(mountPoint);
      ctx.skip(`Needs a size-limited tmpfs, and this machine would not mount one (root only): ${cannotMount}`);
    }
    const logged: unknown[] = [];
    let app: PlanWellApp | null = null;
    try {
      const dataDirectory = join(mountPoint, 'practice');
      cpSync(template.directory, dataDirectory, { recursive: true });
      app = createApp({ dataDirectory, automaticBackups: false, idleCheckMilliseconds: 0, logError: (_channel, error) => logged.push(error) });
      await callOk(app, 'auth.logIn', { username: template.admin.username, password: template.admin.password });
      const payee = await personWithBudget(app);
      const filler = fillDisk(mountPoint);
      await expectRefused(app, dataDirectory, payee);
      // Adding a member of staff writes the key file too: refused the same way, key file unchanged.
      const before = practiceState(app, dataDirectory);
      expect(await call(app, 'staff.create', { username: 'nia.nurse', fullName: 'Nia Nurse', roles: ['nurse'] }))
        .toEqual({ ok: false, error: { code: 'INTERNAL', message: diskFullMessage } });
      expect(practiceState(app, dataDirectory)).toEqual(before);
      await expectSavedOnceFreed(app, payee, () => rmSync(filler));
      // SQLite met the full disk itself, and the dispatcher was given its error (logged, never shown);
      // the key file's write meets ENOSPC, unless SQLite ran out of room first.
      const codes = logged.map((error) => (error as { code?: unknown }).code);
      expect(codes[0]).toBe('SQLITE_FULL');
      expect(codes.slice(1)).toEqual([expect.stringMatching(/^(ENOSPC|SQLITE_FULL)$/)]);

      // And the file is sound when opened afresh after the episode.
      await app.close();
      app = createApp({ dataDirectory, automaticBackups: false, idleCheckMilliseconds: 0 });
      await callOk(app, 'auth.logIn', { username: template.admin.username, password: template.admin.password });
      expect(sessionSqlite(app).pragma('integrity_check', { simple: true })).toBe('ok');
      expect(await callOk(app, 'audit.verify', {})).toMatchObject({ intact: true });
    } finally {
      await app?.close();
      execFileSync('umount', [mountPoint]);
      removeTempDir(mountPoint);
    }
  });

  it('with an injected limit (max_page_count): the same save is refused the same way, and goes through once lifted', async () => {
    const logged: unknown[] = [];
    const practice = await practiceFrom(template, { signIn: true, logError: (_channel, error) => logged.push(error) });
    try {
      const payee = await personWithBudget(practice.app);
      const sqlite = sessionSqlite(practice.app);
      // The database may not grow by a page: the receipt needs hundreds, so SQLite answers SQLITE_FULL.
      const pages = Number(sqlite.pragma('page_count', { simple: true }));
      sqlite.pragma(`max_page_count = ${pages}`);
      await expectRefused(practice.app, practice.dataDirectory, payee);
      await expectSavedOnceFreed(practice.app, payee, () => sqlite.pragma('max_page_count = 4294967294'));
      expect(logged).toEqual([expect.objectContaining({ code: 'SQLITE_FULL' })]);
    } finally {
      await practice.close();
    }
  });
});
