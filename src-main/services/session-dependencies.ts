import type { SignedInUser } from '../../src-shared/contract';
import type { PracticeVault, Session } from '../auth/vault';
import type { Clock } from '../clock';
import type { AppDatabase } from '../db/database';

/** What a service needs to act for the signed-in member of staff. */
export interface SessionDependencies {
  db: AppDatabase;
  user: SignedInUser;
  clock: Clock;
}

/** For services that also touch the key file or the audit head: they need the key and the vault. */
export interface VaultDependencies extends SessionDependencies {
  session: Session;
  vault: PracticeVault;
}
