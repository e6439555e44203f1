import { Kysely, SqliteDialect, type DatabaseConnection, type Driver } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations } from './migrations';
import { openEncryptedDatabase, type OpenOptions, type SqliteDatabase } from './open';
import type { DatabaseSchema } from './schema';

export type AppDatabase = Kysely<DatabaseSchema>;

export interface OpenedDatabase {
  db: AppDatabase;
  sqlite: SqliteDatabase;
  close(): Promise<void>;
}

/** A migrator over the static list, optionally stopping at a named migration (for migration tests). */
export function migratorFor(db: Kysely<DatabaseSchema>, upTo?: string): Migrator {
  const selected = upTo === undefined
    ? migrations
    : Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= upTo));
  return new Migrator({ db, provider: { getMigrations: async () => selected } });
}

/**
 * SQLite rolls a transaction back by itself after some errors (SQLITE_FULL when the disk is full,
 * an I/O error, out of memory). kysely's ROLLBACK would then fail with "no transaction is active"
 * and that error would replace the real one, so it is sent only while a transaction is open.
 */
class AppSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SqliteDatabase) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection: DatabaseConnection) => {
      if (this.sqlite.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

/** Opens the encrypted file, wraps it in kysely and brings its schema up to date. */
export async function openDatabase(path: string, options: OpenOptions): Promise<OpenedDatabase> {
  const sqlite = openEncryptedDatabase(path, options);
  const db = new Kysely<DatabaseSchema>({ dialect: new AppSqliteDialect(sqlite) });
  try {
    const { error } = await migratorFor(db).migrateToLatest();
    if (error) throw error;
    // Planner statistics, refreshed when they are missing or stale (cheap: analysis is limited),
    // so SQLite knows that most people are active and picks the selective index.
    sqlite.pragma('analysis_limit = 1000');
    sqlite.pragma('optimize = 0x10002');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, sqlite, close: () => db.destroy() };
}
