import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { SignedInUser } from '../../src-shared/contract';
import { openDatabase, type OpenedDatabase } from '../db/database';
import { readKeyring, type Keyring } from './keyring';

export interface DataPaths {
  directory: string;
  database: string;
  keyring: string;
  /** Where set-up builds the first database before the keyring exists. */
  setupDatabase: string;
}

export function dataPaths(directory: string): DataPaths {
  return {
    directory,
    database: join(directory, 'planwell.db'),
    keyring: join(directory, 'keyring.json'),
    setupDatabase: join(directory, 'planwell.db.setup'),
  };
}

/** A signed-in member of staff, the open database and its key (needed to add key slots). */
export interface Session {
  user: SignedInUser;
  database: OpenedDatabase;
  databaseKey: Buffer;
}

export type VaultState =
  | { kind: 'needs-setup' }
  | { kind: 'unavailable'; message: string }
  | { kind: 'signed-out'; keyring: Keyring }
  | { kind: 'locked'; keyring: Keyring; user: SignedInUser }
  | { kind: 'signed-in'; keyring: Keyring; session: Session };

/**
 * Holds which state the practice's data is in. Only this object opens or closes the database,
 * and closing it always wipes the key from memory.
 */
export class PracticeVault {
  private session: Session | null = null;
  private lockedUser: SignedInUser | null = null;

  constructor(readonly paths: DataPaths) {}

  state(): VaultState {
    if (this.session) return { kind: 'signed-in', keyring: this.keyring(), session: this.session };
    this.finishInterruptedSetup();
    const hasKeyring = existsSync(this.paths.keyring);
    const hasDatabase = existsSync(this.paths.database);
    if (!hasKeyring && !hasDatabase) return { kind: 'needs-setup' };
    if (!hasKeyring) {
      return {
        kind: 'unavailable',
        message: `PlanWell found its database in ${this.paths.directory} but not the key file keyring.json beside it. Put keyring.json back from a backup. PlanWell has not changed anything.`,
      };
    }
    let keyring: Keyring;
    try {
      keyring = readKeyring(this.paths.keyring);
    } catch (error) {
      return { kind: 'unavailable', message: `${(error as Error).message} Put keyring.json back from a backup. PlanWell has not changed anything.` };
    }
    if (this.lockedUser) return { kind: 'locked', keyring, user: this.lockedUser };
    return { kind: 'signed-out', keyring };
  }

  keyring(): Keyring {
    return readKeyring(this.paths.keyring);
  }

  currentSession(): Session | null {
    return this.session;
  }

  /** Opens the database with an unwrapped key. The caller then checks the user and calls begin(). */
  async open(databaseKey: Buffer): Promise<OpenedDatabase> {
    return openDatabase(this.paths.database, { key: databaseKey });
  }

  begin(session: Session): void {
    this.session = session;
    this.lockedUser = null;
  }

  /** Closes the database and forgets the key; the same user (or another) must log in again. */
  async lock(): Promise<void> {
    const user = this.session?.user ?? this.lockedUser;
    await this.closeSession();
    this.lockedUser = user;
  }

  async signOut(): Promise<void> {
    await this.closeSession();
    this.lockedUser = null;
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (!session) return;
    session.databaseKey.fill(0);
    await session.database.close();
  }

  /**
   * Set-up writes the database under a temporary name, then the keyring, then renames the
   * database into place. If it stopped between the last two steps, finish the rename now.
   */
  private finishInterruptedSetup(): void {
    if (existsSync(this.paths.setupDatabase) && existsSync(this.paths.keyring) && !existsSync(this.paths.database)) {
      renameSync(this.paths.setupDatabase, this.paths.database);
    }
  }
}
