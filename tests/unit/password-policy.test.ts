import { describe, expect, it } from 'vitest';
import {
  maximumPasswordLength,
  minimumPasswordLength,
  passwordProblem,
  passwordProblemMessages,
} from '../../src-shared/domain/password-policy';

describe('password policy', () => {
  it('asks for at least 12 characters', () => {
    expect(minimumPasswordLength).toBe(12);
    expect(passwordProblem('tulip-violi')).toBe('too-short'); // 11
    expect(passwordProblem('')).toBe('too-short');
    expect(passwordProblemMessages['too-short']).toBe('Password must be at least 12 characters');
  });

  it('accepts exactly 12 characters', () => {
    const password = 'tulip-violin';
    expect(password).toHaveLength(12);
    expect(passwordProblem(password)).toBeNull();
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblem('éééééé-ééééé')).toBeNull(); // 12 characters, 23 bytes
    expect(passwordProblem('ééééé-ééééé')).toBe('too-short'); // 11 characters
  });

  it('refuses more than 256 characters', () => {
    const longest = 'river-stone-'.repeat(22).slice(0, maximumPasswordLength);
    expect(longest).toHaveLength(256);
    expect(passwordProblem(longest)).toBeNull();
    expect(passwordProblem(`${longest}x`)).toBe('too-long');
  });

  it('refuses listed common passwords whatever their case', () => {
    expect(passwordProblem('password1234')).toBe('too-common');
    expect(passwordProblem('Password1234')).toBe('too-common');
    expect(passwordProblem('PASSWORD1234')).toBe('too-common');
    expect(passwordProblem('CorrectHorseBatteryStaple')).toBe('too-common');
    expect(passwordProblem('PlanWell1234')).toBe('too-common');
    // One character different is not on the list.
    expect(passwordProblem('password1235')).toBeNull();
  });

  it('refuses one character repeated', () => {
    expect(passwordProblem('aaaaaaaaaaaa')).toBe('too-common');
    expect(passwordProblem('ZZZZZZZZZZZZZZZZ')).toBe('too-common');
    expect(passwordProblem('############')).toBe('too-common');
    expect(passwordProblem('aaaaaaaaaaab')).toBeNull();
  });

  it('refuses ascending and descending runs', () => {
    expect(passwordProblem('mnopqrstuvwx')).toBe('too-common');
    expect(passwordProblem('MNOPQRSTUVWXY')).toBe('too-common');
    expect(passwordProblem('zyxwvutsrqpo')).toBe('too-common');
    expect(passwordProblem('ponmlkjihgfedcba')).toBe('too-common');
    // A run broken once is not a run.
    expect(passwordProblem('mnopqrstuvwy')).toBeNull();
    expect(passwordProblem('zyxwvutsrqpa')).toBeNull();
  });

  it('refuses a password containing the username, ignoring case', () => {
    expect(passwordProblem('my-jsmith-garden-gate', 'jsmith')).toBe('contains-username');
    expect(passwordProblem('JSmithGardenGate', 'jsmith')).toBe('contains-username');
    expect(passwordProblem('gardengate-jsmith', 'JSmith')).toBe('contains-username');
    expect(passwordProblem('my-garden-gate-42', 'jsmith')).toBeNull();
    expect(passwordProblemMessages['contains-username']).toBe('Password must not contain your username');
  });

  it('ignores usernames shorter than three characters', () => {
    expect(passwordProblem('abgardengate', 'ab')).toBeNull();
    expect(passwordProblem('abcgardengate', 'abc')).toBe('contains-username');
  });
});
