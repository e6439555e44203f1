import { randomBytes, randomUUID, createCipheriv, createDecipheriv, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, existsSync, rmSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { z } from 'zod';

/**
 * The key file beside the database. It holds key slots: the one random database key, wrapped
 * (AES-256-GCM) under a key derived by scrypt from each staff password, plus one slot for the
 * recovery code. Nothing in it opens the database without a password or the recovery code.
 */

/** scrypt N=2^16, r=8, p=1 uses 64 MiB and takes about 100–300 ms: slow to guess, quick to log in. */
export const defaultKdf = { name: 'scrypt', N: 65536, r: 8, p: 1 } as const;

const kdfSchema = z.object({
  name: z.literal('scrypt'),
  N: z.number().int().min(1024).max(2 ** 22),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
});
export type KdfParameters = z.infer<typeof kdfSchema>;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const slotSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['password', 'recovery']),
  userId: z.string().optional(),
  username: z.string().optional(),
  kdf: kdfSchema,
  salt: base64,
  iv: base64,
  wrappedKey: base64,
  tag: base64,
  createdAt: z.string(),
});
export type KeySlot = z.infer<typeof slotSchema>;

export const keyringSchema = z.object({
  format: z.literal('planwell-keyring'),
  version: z.literal(1),
  /** Shown on the log-in screen before the database is open; not confidential. */
  practiceName: z.string().max(200).optional(),
  slots: z.array(slotSchema),
});
export type Keyring = z.infer<typeof keyringSchema>;

export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

export function emptyKeyring(practiceName: string): Keyring {
  return { format: 'planwell-keyring', version: 1, practiceName, slots: [] };
}

export function readKeyring(path: string): Keyring {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new KeyringError(`The key file ${basename(path)} could not be read.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KeyringError(`The key file ${basename(path)} is damaged.`);
  }
  const result = keyringSchema.safeParse(parsed);
  if (!result.success) throw new KeyringError(`The key file ${basename(path)} is damaged.`);
  return result.data;
}

/** Replaces the key file atomically: a crash leaves either the old file or the new one, whole. */
export function writeKeyringAtomically(path: string, keyring: Keyring): void {
  writeFileAtomically(path, `${JSON.stringify(keyring, null, 2)}\n`);
}

/**
 * Writes a file whole or not at all (temporary name, then rename). `durable: false` skips the
 * fsyncs, for files that may lag behind after a power cut without harm.
 */
export function writeFileAtomically(path: string, contents: string | Buffer, options: { durable?: boolean } = {}): void {
  const durable = options.durable ?? true;
  const temporary = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    if (existsSync(temporary)) rmSync(temporary, { force: true });
    throw error;
  }
  if (durable) syncDirectory(dirname(path));
}

function syncDirectory(directory: string): void {
  // Makes the rename itself durable. Not every platform can open a directory; there it is skipped.
  try {
    const fd = openSync(directory, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* Windows cannot fsync a directory handle. */
  }
}

function deriveWrappingKey(secret: string, salt: Buffer, kdf: KdfParameters): Promise<Buffer> {
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r };
  return new Promise((resolve, reject) => {
    scryptCallback(secret.normalize('NFC'), salt, 32, options, (error, derived) => {
      if (error) reject(error);
      else resolve(derived);
    });
  });
}

/** Binds a slot's ciphertext to what the slot is for, so slots cannot be swapped between users. */
function additionalData(slot: Pick<KeySlot, 'kind' | 'userId'>): Buffer {
  return Buffer.from(`planwell-key-slot:v1:${slot.kind}:${slot.userId ?? ''}`, 'utf8');
}

export interface SlotOwner {
  kind: 'password' | 'recovery';
  userId?: string;
  username?: string;
}

export async function createSlot(
  databaseKey: Buffer,
  secret: string,
  owner: SlotOwner,
  now: Date,
  kdf: KdfParameters = defaultKdf,
): Promise<KeySlot> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const wrappingKey = await deriveWrappingKey(secret, salt, kdf);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(additionalData(owner));
  const wrapped = Buffer.concat([cipher.update(databaseKey), cipher.final()]);
  wrappingKey.fill(0);
  return {
    id: randomUUID(),
    kind: owner.kind,
    ...(owner.userId === undefined ? {} : { userId: owner.userId }),
    ...(owner.username === undefined ? {} : { username: owner.username }),
    kdf: { ...kdf },
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    wrappedKey: wrapped.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    createdAt: now.toISOString(),
  };
}

/** The database key, or null when the secret is not the one this slot was made with. */
export async function unwrapSlot(slot: KeySlot, secret: string): Promise<Buffer | null> {
  const wrappingKey = await deriveWrappingKey(secret, Buffer.from(slot.salt, 'base64'), slot.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(slot.iv, 'base64'));
    decipher.setAAD(additionalData(slot));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(slot.wrappedKey, 'base64')), decipher.final()]);
    return key.length === 32 ? key : null;
  } catch {
    return null;
  } finally {
    wrappingKey.fill(0);
  }
}

/** Runs the same KDF as a real slot, so an unknown username takes as long as a wrong password. */
export async function spendEquivalentTime(secret: string): Promise<void> {
  await deriveWrappingKey(secret, randomBytes(16), defaultKdf);
}

export function passwordSlotFor(keyring: Keyring, username: string): KeySlot | undefined {
  return keyring.slots.find((slot) => slot.kind === 'password' && slot.username === username);
}

export function passwordSlotForUser(keyring: Keyring, userId: string): KeySlot | undefined {
  return keyring.slots.find((slot) => slot.kind === 'password' && slot.userId === userId);
}

export function recoverySlot(keyring: Keyring): KeySlot | undefined {
  return keyring.slots.find((slot) => slot.kind === 'recovery');
}

/** Returns a keyring with the slot for this user replaced (or added). */
export function withPasswordSlot(keyring: Keyring, slot: KeySlot): Keyring {
  return {
    ...keyring,
    slots: [...keyring.slots.filter((s) => !(s.kind === 'password' && s.userId === slot.userId)), slot],
  };
}

/** Crockford's base32 alphabet: no I, L, O or U, so a code copied by hand is not misread. */
const recoveryAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 25 symbols of 5 bits: 125 bits from the system's secure random source. */
export function generateRecoveryCode(): string {
  const bytes = randomBytes(25);
  let code = '';
  for (const byte of bytes) code += recoveryAlphabet[byte & 31];
  return code;
}

export function formatRecoveryCode(code: string): string {
  return code.match(/.{1,5}/g)?.join('-') ?? code;
}
