import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type PlanWellApp } from '../../src-main/app';
import { seedDemoPractice, type DemoLogIns } from '../../src-main/demo/seed';

describe('seedDemoPractice', () => {
  let directory: string;
  let logIns: DemoLogIns;
  let app: PlanWellApp;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'planwell-demo-seed-'));
    logIns = await seedDemoPractice(directory, { people: 300, seed: 5 });
    app = createApp({ dataDirectory: directory, idleCheckMilliseconds: 0 });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  });

  function sqlite() {
    const session = app.vault.currentSession();
    if (!session) throw new Error('Expected a signed-in session');
    return session.database.sqlite;
  }

  it('makes a link worker and a nurse who log in with the printed passwords, without a one-time password', async () => {
    expect(logIns.staff.map((member) => member.roles)).toEqual([['link-worker'], ['nurse']]);
    for (const member of logIns.staff) {
      const result = await app.dispatch('auth.logIn', { username: member.username, password: member.password });
      expect(result.ok).toBe(true);
      const status = await app.dispatch('app.status', {});
      expect(status).toMatchObject({ ok: true, value: { state: 'signed-in', mustChangePassword: false } });
      expect((await app.dispatch('auth.logOut', {})).ok).toBe(true);
    }
  });

  it('shares the people between the three, with eligibility, needs and closed records, in one import', async () => {
    const result = await app.dispatch('auth.logIn', logIns.administrator);
    expect(result.ok).toBe(true);
    const db = sqlite();
    const workers = db.prepare('SELECT staff_user.username, count(*) AS n FROM person JOIN staff_user ON staff_user.id = person.assigned_worker_id GROUP BY 1').all() as { username: string; n: number }[];
    expect(workers.map((w) => w.username).sort()).toEqual(['demo.admin', 'jo.fletcher', 'sam.okoye']);
    const count = (sql: string) => (db.prepare(sql).pluck().get() as number);
    expect(count('SELECT count(*) FROM person')).toBe(300);
    expect(count('SELECT count(*) FROM person WHERE assigned_worker_id IS NULL')).toBeGreaterThan(30);
    expect(count("SELECT count(*) FROM person WHERE status = 'closed' AND closed_reason != '' AND closed_on != ''")).toBeGreaterThan(0);
    expect(count('SELECT count(DISTINCT person_id) FROM communication_need')).toBeGreaterThan(10);
    expect(count('SELECT count(*) FROM person_eligibility')).toBeGreaterThan(50);
    expect(count("SELECT count(*) FROM audit_event WHERE channel = 'people.import'")).toBe(1);
    const mine = await app.dispatch('people.search', { query: '', assignedTo: 'me', limit: 5 });
    expect(mine).toMatchObject({ ok: true, value: { total: expect.any(Number) } });
    await app.dispatch('auth.logOut', {});
  });

  it('gives sixty people a plan through the plan channels: agreed, agreed with a second version in draft, or only a draft', async () => {
    expect((await app.dispatch('auth.logIn', logIns.administrator)).ok).toBe(true);
    const states = sqlite()
      .prepare(`SELECT group_concat(status, ',') AS states FROM (SELECT person_id, status FROM care_plan ORDER BY person_id, version) GROUP BY person_id`)
      .pluck()
      .all() as string[];
    expect(states).toHaveLength(60);
    const tally = Object.fromEntries(['agreed', 'agreed,draft', 'draft'].map((kind) => [kind, states.filter((s) => s === kind).length]));
    expect(tally).toEqual({ agreed: 32, 'agreed,draft': 16, draft: 12 });
    const count = (sql: string) => (sqlite().prepare(sql).pluck().get() as number);
    // Agreed versions passed the agreement rules: something that matters, a goal, a future review.
    expect(count("SELECT count(*) FROM care_plan WHERE status = 'agreed' AND (review_date <= date('now') OR agreed_on IS NULL)")).toBe(0);
    expect(count("SELECT count(*) FROM audit_event WHERE channel = 'plans.agree'")).toBe(48);
    // Every fourth agreed plan has a budget (twelve), carried into any second version, with payments.
    expect(count("SELECT count(*) FROM care_plan WHERE status = 'agreed' AND budget_json IS NOT NULL")).toBe(12);
    expect(count('SELECT count(DISTINCT person_id) FROM budget_spend')).toBe(12);
    const withBudget = sqlite().prepare("SELECT person_id FROM care_plan WHERE status = 'agreed' AND budget_json IS NOT NULL LIMIT 1").pluck().get() as string;
    const summary = await app.dispatch('budgets.summary', { personId: withBudget });
    expect(summary).toMatchObject({ ok: true, value: { spentPence: expect.any(Number), byMonth: expect.any(Array) } });
  });

  it('fills a directory of invented local groups, a few unchecked for six months, and referrals ending every way', async () => {
    await app.dispatch('auth.logOut', {});
    expect((await app.dispatch('auth.logIn', logIns.administrator)).ok).toBe(true);
    const count = (sql: string) => (sqlite().prepare(sql).pluck().get() as number);
    expect(count('SELECT count(*) FROM directory_entry')).toBe(18);
    const directory = await app.dispatch('directory.search', {});
    expect(directory).toMatchObject({ ok: true, value: { total: 18, staleCount: 3 } });
    expect(count('SELECT count(*) FROM referral')).toBe(24);
    const statuses = sqlite().prepare('SELECT DISTINCT status FROM referral ORDER BY status').pluck().all();
    expect(statuses).toEqual(['accepted', 'declined', 'did-not-engage', 'discharged']);
    // Every discharged referral has a baseline and a follow-up to show the change.
    expect(count(`SELECT count(*) FROM referral r WHERE r.status = 'discharged' AND NOT (
      EXISTS (SELECT 1 FROM outcome_score o WHERE o.referral_id = r.id AND o.context = 'baseline')
      AND EXISTS (SELECT 1 FROM outcome_score o WHERE o.referral_id = r.id AND o.context = 'follow-up'))`)).toBe(0);
    expect(count('SELECT count(*) FROM referral_contact')).toBeGreaterThan(24);
    expect(count("SELECT count(*) FROM referral_contact WHERE contact_on > date('now')")).toBe(0);
    // People with a plan among them see their connections in its support section.
    const withBoth = sqlite().prepare("SELECT c.person_id FROM community_connection c JOIN care_plan p ON p.person_id = c.person_id AND p.status = 'draft' WHERE c.outcome != 'did-not-attend' LIMIT 1").pluck().get() as string;
    const planId = sqlite().prepare("SELECT id FROM care_plan WHERE person_id = ? AND status = 'draft'").pluck().get(withBoth) as string;
    const plan = await app.dispatch('plans.get', { planId });
    expect(plan).toMatchObject({ ok: true, value: { recordDetails: { communitySupport: expect.arrayContaining([expect.objectContaining({ name: expect.any(String) })]) } } });
    await app.dispatch('auth.logOut', {});
  });
});
