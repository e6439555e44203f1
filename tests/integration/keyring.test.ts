import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createSlot,
  defaultKdf,
  emptyKeyring,
  formatRecoveryCode,
  generateRecoveryCode,
  KeyringError,
  passwordSlotFor,
  passwordSlotForUser,
  readKeyring,
  recoverySlot,
  unwrapSlot,
  withPasswordSlot,
  writeKeyringAtomically,
  type KdfParameters,
  type Keyring,
  type KeySlot,
} from '../../src-main/auth/keyring';
import { recoveryCodeSchema } from '../../src-shared/contract';
import { tempDirs } from '../fixtures/temp-dir';

/** Cheap scrypt for tests about the slot logic; one test below uses the real parameters. */
const cheapKdf: KdfParameters = { name: 'scrypt', N: 1024, r: 8, p: 1 };
const now = new Date('2026-03-02T09:30:00.000Z');
const dirs = tempDirs();
afterEach(dirs.cleanUp);

describe('key slots', () => {
  const databaseKey = randomBytes(32);
  const password = 'amber-kettle-harbour-7';
  let slot: KeySlot;

  beforeAll(async () => {
    slot = await createSlot(databaseKey, password, { kind: 'password', userId: 'user-1', username: 'jane' }, now, cheapKdf);
  });

  it('give back the same 32-byte key for the right password', async () => {
    const key = await unwrapSlot(slot, password);
    expect(key).not.toBeNull();
    expect(key?.length).toBe(32);
    expect(key?.equals(databaseKey)).toBe(true);
  });

  it('give null for a wrong password, even one differing only in case or a trailing space', async () => {
    expect(await unwrapSlot(slot, 'amber-kettle-harbour-8')).toBeNull();
    expect(await unwrapSlot(slot, 'Amber-kettle-harbour-7')).toBeNull();
    expect(await unwrapSlot(slot, `${password} `)).toBeNull();
    expect(await unwrapSlot(slot, '')).toBeNull();
  });

  it('treat a password typed in composed or decomposed Unicode as the same', async () => {
    const composed = 'caf\u00e9-kettle-harbour';
    const decomposed = 'cafe\u0301-kettle-harbour';
    const accented = await createSlot(databaseKey, composed, { kind: 'password', userId: 'user-2' }, now, cheapKdf);
    expect((await unwrapSlot(accented, decomposed))?.equals(databaseKey)).toBe(true);
  });

  it('record what they are for, and never the key or the password in clear', () => {
    expect(slot).toMatchObject({ kind: 'password', userId: 'user-1', username: 'jane', kdf: cheapKdf, createdAt: now.toISOString() });
    const text = JSON.stringify(slot);
    expect(text).not.toContain(password);
    expect(text).not.toContain(databaseKey.toString('base64'));
    expect(text).not.toContain(databaseKey.toString('hex'));
    expect(Buffer.from(slot.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(slot.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(slot.tag, 'base64')).toHaveLength(16);
  });

  it('use a fresh salt and IV each time, so two slots for one password differ', async () => {
    const again = await createSlot(databaseKey, password, { kind: 'password', userId: 'user-1', username: 'jane' }, now, cheapKdf);
    expect(again.salt).not.toBe(slot.salt);
    expect(again.iv).not.toBe(slot.iv);
    expect(again.wrappedKey).not.toBe(slot.wrappedKey);
    expect(again.id).not.toBe(slot.id);
  });

  it('are bound to their user: moving a slot to another user makes it useless', async () => {
    expect(await unwrapSlot({ ...slot, userId: 'user-2' }, password)).toBeNull();
    const { userId: _removed, ...withoutUser } = slot;
    expect(await unwrapSlot(withoutUser, password)).toBeNull();
    expect(await unwrapSlot({ ...slot, kind: 'recovery' }, password)).toBeNull();
    // The username is only a label for finding the slot; the user id is what is bound.
    expect((await unwrapSlot({ ...slot, username: 'renamed' }, password))?.equals(databaseKey)).toBe(true);
  });

  it('detect tampering with the wrapped key, the tag, the salt or the KDF parameters', async () => {
    const flip = (base64: string) => {
      const bytes = Buffer.from(base64, 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64');
    };
    expect(await unwrapSlot({ ...slot, wrappedKey: flip(slot.wrappedKey) }, password)).toBeNull();
    expect(await unwrapSlot({ ...slot, tag: flip(slot.tag) }, password)).toBeNull();
    expect(await unwrapSlot({ ...slot, salt: flip(slot.salt) }, password)).toBeNull();
    expect(await unwrapSlot({ ...slot, iv: flip(slot.iv) }, password)).toBeNull();
    expect(await unwrapSlot({ ...slot, kdf: { ...cheapKdf, N: 2048 } }, password)).toBeNull();
  });

  it('a recovery slot opens with the recovery code as typed from paper', async () => {
    const code = generateRecoveryCode();
    const recovery = await createSlot(databaseKey, code, { kind: 'recovery' }, now, cheapKdf);
    expect(recovery.kind).toBe('recovery');
    expect(recovery.userId).toBeUndefined();
    const typed = formatRecoveryCode(code).toLowerCase().replace(/-/g, ' ');
    expect((await unwrapSlot(recovery, recoveryCodeSchema.parse(typed)))?.equals(databaseKey)).toBe(true);
    expect(await unwrapSlot(recovery, generateRecoveryCode())).toBeNull();
    expect(await unwrapSlot({ ...recovery, kind: 'password' }, code)).toBeNull();
  });

  it('work with the real parameters (scrypt N=2^16, r=8, p=1)', async () => {
    const real = await createSlot(databaseKey, password, { kind: 'password', userId: 'user-1' }, now);
    expect(real.kdf).toEqual({ name: 'scrypt', N: 65536, r: 8, p: 1 });
    expect(real.kdf).toEqual(defaultKdf);
    expect((await unwrapSlot(real, password))?.equals(databaseKey)).toBe(true);
  });
});

describe('recovery codes', () => {
  it('are 25 symbols of Crockford base32, different every time', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const code = generateRecoveryCode();
      expect(code).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{25}$/);
      codes.add(code);
    }
    expect(codes.size).toBe(200);
  });

  it('are shown in five groups of five and read back the same', () => {
    const code = generateRecoveryCode();
    const shown = formatRecoveryCode(code);
    expect(shown).toMatch(/^([0-9A-Z]{5}-){4}[0-9A-Z]{5}$/);
    expect(recoveryCodeSchema.parse(shown)).toBe(code);
  });
});

describe('keyring file', () => {
  async function sampleKeyring(): Promise<Keyring> {
    const key = randomBytes(32);
    let keyring = emptyKeyring('Riverside Surgery');
    keyring = withPasswordSlot(keyring, await createSlot(key, 'first-password-1', { kind: 'password', userId: 'u1', username: 'jane' }, now, cheapKdf));
    keyring = withPasswordSlot(keyring, await createSlot(key, 'second-password-2', { kind: 'password', userId: 'u2', username: 'john' }, now, cheapKdf));
    return { ...keyring, slots: [...keyring.slots, await createSlot(key, generateRecoveryCode(), { kind: 'recovery' }, now, cheapKdf)] };
  }

  it('round-trips through writeKeyringAtomically and readKeyring', async () => {
    const path = join(dirs.make(), 'keyring.json');
    const keyring = await sampleKeyring();
    writeKeyringAtomically(path, keyring);
    expect(readKeyring(path)).toEqual(keyring);
    expect(passwordSlotFor(readKeyring(path), 'john')?.userId).toBe('u2');
    expect(passwordSlotForUser(readKeyring(path), 'u1')?.username).toBe('jane');
    expect(recoverySlot(readKeyring(path))?.kind).toBe('recovery');
    expect(passwordSlotFor(readKeyring(path), 'nobody')).toBeUndefined();
  });

  it('withPasswordSlot replaces the slot of the same user and keeps the others', async () => {
    const keyring = await sampleKeyring();
    const replacement = await createSlot(randomBytes(32), 'new-password-12', { kind: 'password', userId: 'u1', username: 'jane' }, now, cheapKdf);
    const updated = withPasswordSlot(keyring, replacement);
    expect(updated.slots).toHaveLength(keyring.slots.length);
    expect(passwordSlotForUser(updated, 'u1')?.id).toBe(replacement.id);
    expect(passwordSlotForUser(updated, 'u2')?.id).toBe(passwordSlotForUser(keyring, 'u2')?.id);
    expect(recoverySlot(updated)?.id).toBe(recoverySlot(keyring)?.id);
    // The original is not changed.
    expect(passwordSlotForUser(keyring, 'u1')?.id).not.toBe(replacement.id);
  });

  it('is replaced whole, leaves no temporary files and is readable only by its owner', async () => {
    const directory = dirs.make();
    const path = join(directory, 'keyring.json');
    writeFileSync(path, '{"old": true}\n', { mode: 0o644 });
    chmodSync(path, 0o644);
    const keyring = await sampleKeyring();

    writeKeyringAtomically(path, keyring);

    expect(readdirSync(directory)).toEqual(['keyring.json']);
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(keyring, null, 2)}\n`);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);

    const second = { ...keyring, practiceName: 'Renamed Surgery' };
    writeKeyringAtomically(path, second);
    expect(readdirSync(directory)).toEqual(['keyring.json']);
    expect(readKeyring(path).practiceName).toBe('Renamed Surgery');
  });

  it('a write that fails at the rename removes its temporary file and keeps what was there', async () => {
    const directory = dirs.make();
    const path = join(directory, 'keyring.json');
    // A non-empty directory where the file should go: the temp file is written, the rename fails.
    mkdirSync(join(path, 'inside'), { recursive: true });
    expect(() => writeKeyringAtomically(path, emptyKeyring('Riverside Surgery'))).toThrow();
    expect(readdirSync(directory)).toEqual(['keyring.json']);
    expect(readdirSync(path)).toEqual(['inside']);
  });

  it('a stray temporary file from an interrupted write does not affect reading', async () => {
    const directory = dirs.make();
    const path = join(directory, 'keyring.json');
    const keyring = await sampleKeyring();
    writeKeyringAtomically(path, keyring);
    // What a crash between open and rename would leave behind: a half-written temp file.
    const stray = join(directory, `.keyring.json.${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.tmp`);
    writeFileSync(stray, '{"format":"planwell-keyring","version":1,"slo', { mode: 0o600 });

    expect(readKeyring(path)).toEqual(keyring);
    writeKeyringAtomically(path, { ...keyring, practiceName: 'After the crash' });
    expect(readKeyring(path).practiceName).toBe('After the crash');
    expect(readFileSync(stray, 'utf8')).toContain('"slo');
  });

  describe('readKeyring refuses a damaged file with KeyringError', () => {
    async function expectKeyringError(contents: string | null, message: RegExp) {
      const path = join(dirs.make(), 'keyring.json');
      if (contents !== null) writeFileSync(path, contents);
      expect(() => readKeyring(path)).toThrow(KeyringError);
      expect(() => readKeyring(path)).toThrow(message);
    }

    it('when it is missing', async () => {
      await expectKeyringError(null, /keyring\.json could not be read/);
    });

    it('when it is not JSON, or cut short', async () => {
      await expectKeyringError('not json at all', /keyring\.json is damaged/);
      const whole = JSON.stringify(await sampleKeyring());
      await expectKeyringError(whole.slice(0, whole.length - 10), /keyring\.json is damaged/);
      await expectKeyringError('', /keyring\.json is damaged/);
    });

    it('when it is JSON of the wrong shape', async () => {
      const good = await sampleKeyring();
      const [firstSlot] = good.slots;
      if (!firstSlot) throw new Error('sample keyring has no slots');
      const wrongShapes: unknown[] = [
        null,
        [],
        { ...good, format: 'something-else' },
        { ...good, version: 2 },
        { ...good, slots: 'none' },
        { ...good, slots: [{ ...firstSlot, kind: 'master' }] },
        { ...good, slots: [{ ...firstSlot, wrappedKey: 'not base64!' }] },
        { ...good, slots: [{ ...firstSlot, kdf: { ...firstSlot.kdf, N: 16 } }] },
        { ...good, slots: [{ ...firstSlot, kdf: { ...firstSlot.kdf, name: 'pbkdf2' } }] },
      ];
      for (const shape of wrongShapes) await expectKeyringError(JSON.stringify(shape), /keyring\.json is damaged/);
    });
  });
});
