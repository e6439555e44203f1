import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SignedInUser } from '../../src-shared/contract';
import { auditHeadKey } from '../audit/chain';
import { auditHeadFileHolds, currentAuditHead, writeAuditHead } from '../audit/trail';
import { openDatabase, type OpenedDatabase } from '../db/database';
import { damageMessage, DatabaseOpenError, isDamageError } from '../db/open';
import { readKeyring, type Keyring } from './keyring';

export interface DataPaths {
  directory: string;
  database: string;
  keyring: string;
  /** The audit trail's newest sequence number and hash, kept outside the database. */
  auditHead: string;
  /** Where set-up builds the first database before the keyring exists. */
  setupDatabase: string;
}

export function dataPaths(directory: string): DataPaths {
  return {
    directory,
    database: join(directory, 'planwell.db'),
    keyring: join(directory, 'keyring.json'),
    auditHead: join(directory, 'audit-head.json'),
    setupDatabase: join(directory, 'planwell.db.setup'),
  };
}

/** A signed-in member of staff, the open database and its key (needed to add key slots). */
export interface Session {
  user: SignedInUser;
  database: OpenedDatabase;
  databaseKey: Buffer;
  /** Signed in with a one-time password and has not yet chosen their own. */
  mustChangePassword: boolean;
  /** Derived from the database key; authenticates audit-head.json. */
  auditHeadKey: Buffer;
  /** The audit head last written to audit-head.json, to skip rewriting an unchanged one. */
  writtenAuditHeadSeq: number;
}

export function newSession(user: SignedInUser, database: OpenedDatabase, databaseKey: Buffer, mustChangePassword: boolean): Session {
  return { user, database, databaseKey, mustChangePassword, auditHeadKey: auditHeadKey(databaseKey), writtenAuditHeadSeq: -1 };
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
  /** Set when opening found the file damaged or altered: nothing more is read from it until a restore. */
  private damage: string | null = null;
  /**
   * Whether this run has checked the whole file. quick_check reads every page (about 1 s for a
   * 150 MB database), so it runs at the first open of a run and after a restore, not at every
   * unlock; pages read later are still checked one by one by their authentication tags.
   */
  private checkedThisRun = false;

  constructor(readonly paths: DataPaths) {}

  state(): VaultState {
    if (this.session) return { kind: 'signed-in', keyring: this.keyring(), session: this.session };
    this.finishInterruptedSetup();
    const hasKeyring = existsSync(this.paths.keyring);
    const hasDatabase = existsSync(this.paths.database);
    if (!hasKeyring && !hasDatabase) return { kind: 'needs-setup' };
    if (this.damage) return { kind: 'unavailable', message: this.damage };
    if (!hasKeyring) {
      return {
        kind: 'unavailable',
        message: `PlanWell found its database in ${this.paths.directory} but not the key file keyring.json beside it. Restore the latest backup with the recovery code (it brings its own key file), or put keyring.json back. PlanWell has not changed anything.`,
      };
    }
    let keyring: Keyring;
    try {
      keyring = readKeyring(this.paths.keyring);
    } catch (error) {
      return { kind: 'unavailable', message: `${(error as Error).message} Restore the latest backup with the recovery code (it brings its own key file), or put keyring.json back. PlanWell has not changed anything.` };
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

  /** After a restore has put a good database in place. */
  clearDamage(): void {
    this.damage = null;
    this.checkedThisRun = false;
  }

  /**
   * Opens the database with an unwrapped key and, at the first open of a run, checks every page
   * (quick_check; each page's authentication tag is checked as it is read). The key came from a slot it unwrapped, so a
   * file that will not open or check is damaged or was changed: it is reported, never read on.
   * The caller then checks the user and calls begin().
   */
  async open(databaseKey: Buffer): Promise<OpenedDatabase> {
    let database: OpenedDatabase;
    try {
      database = await openDatabase(this.paths.database, { key: databaseKey });
    } catch (error) {
      if (error instanceof DatabaseOpenError || isDamageError(error)) throw this.damaged();
      throw error;
    }
    this.removeLeftoverTemporaryFiles();
    if (!this.checkedThisRun) {
      let check: unknown;
      try {
        check = database.sqlite.pragma('quick_check', { simple: true });
      } catch (error) {
        if (!isDamageError(error)) throw error;
      }
      if (check !== 'ok') {
        await database.close();
        throw this.damaged();
      }
      this.checkedThisRun = true;
    }
    // A trail that has never had a head (a database from before the audit trail) starts one now;
    // after this a missing head file while events exist is always reported.
    if (!existsSync(this.paths.auditHead) && currentAuditHead(database.sqlite).seq === 0) {
      writeAuditHead(this.paths.auditHead, currentAuditHead(database.sqlite), auditHeadKey(databaseKey));
    }
    return database;
  }

  /**
   * A crash between writing a key file or audit head under a temporary name and renaming it leaves
   * the temporary file behind (the real file is whole, old or new): tidied when the database opens.
   */
  private removeLeftoverTemporaryFiles(): void {
    const prefixes = [this.paths.keyring, this.paths.auditHead].map((path) => `.${basename(path)}.`);
    for (const name of readdirSync(this.paths.directory)) {
      if (name.endsWith('.tmp') && prefixes.some((prefix) => name.startsWith(prefix))) rmSync(join(this.paths.directory, name), { force: true });
    }
  }

  private damaged(): DatabaseOpenError {
    this.damage = damageMessage;
    return new DatabaseOpenError('damaged', damageMessage);
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

  /** Brings audit-head.json up to the newest audit event; called after every request. */
  syncAuditHead(): void {
    const session = this.session;
    if (!session) return;
    const head = currentAuditHead(session.database.sqlite);
    if (head.seq === session.writtenAuditHeadSeq) return;
    // Only forward along the chain the file already names; otherwise leave it as the evidence.
    if (!auditHeadFileHolds(session.database.sqlite, this.paths.auditHead, session.auditHeadKey)) return;
    writeAuditHead(this.paths.auditHead, head, session.auditHeadKey);
    session.writtenAuditHeadSeq = head.seq;
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      this.syncAuditHead();
    } finally {
      this.session = null;
      session.databaseKey.fill(0);
      session.auditHeadKey.fill(0);
      await session.database.close();
    }
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
