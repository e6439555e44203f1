import { createApp } from '../app';
import { systemClock } from '../clock';
import { insertPeople } from '../services/people-import';
import type { Result } from '../../src-shared/result';
import { syntheticPeople } from './synthetic-people';

export const demoPractice = {
  practiceName: 'Riverside Medical Practice (demo)',
  odsCode: 'Y00001',
  fullName: 'Demo Administrator',
  username: 'demo.admin',
  password: 'riverside-demo-practice',
} as const;

export interface DemoCredentials {
  username: string;
  password: string;
}

/**
 * Sets up a fresh demo practice in `dataDirectory` (which must not hold a practice yet) through
 * the same dispatcher the app uses, fills it with synthetic people in one transaction, and logs
 * out. Every NHS number is from the 999 test range. Returns the administrator's log-in.
 */
export async function seedDemoPractice(
  dataDirectory: string,
  options: { people: number; seed: number },
): Promise<DemoCredentials> {
  // Made before anything is written, so a bad count or seed leaves no half-made practice.
  const people = syntheticPeople(options.people, options.seed);
  const app = createApp({ dataDirectory });
  try {
    expectOk(
      'set up the demo practice',
      await app.dispatch('setup.createPractice', {
        practiceName: demoPractice.practiceName,
        odsCode: demoPractice.odsCode,
        fullName: demoPractice.fullName,
        username: demoPractice.username,
        password: demoPractice.password,
        confirmPassword: demoPractice.password,
        // The demo's administrator also works as a link worker, so the caseload is open to them.
        clinicalRoles: ['link-worker'],
      }),
    );
    expectOk('confirm the recovery code', await app.dispatch('setup.confirmRecoveryCode', {}));
    const session = app.vault.currentSession();
    if (!session) throw new Error('Could not seed the demo practice: nobody is signed in after set-up');
    await insertPeople({ db: session.database.db, user: session.user, clock: systemClock }, people);
    expectOk('log out', await app.dispatch('auth.logOut', {}));
  } finally {
    await app.close();
  }
  return { username: demoPractice.username, password: demoPractice.password };
}

function expectOk(step: string, result: Result<unknown>): void {
  if (!result.ok) {
    const issues = result.error.issues?.map((issue) => ` ${issue.path}: ${issue.message}`).join(';') ?? '';
    throw new Error(`Could not ${step}: ${result.error.message}${issues}`);
  }
}
