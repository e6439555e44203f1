/**
 * Password rules follow NCSC guidance: a minimum length, no composition rules, and a denylist of
 * the passwords attackers try first. Only entries of 12 or more characters are listed, because
 * anything shorter is already refused by the length rule.
 */
export const minimumPasswordLength = 12;
export const maximumPasswordLength = 256;

const commonPasswords = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789abc', '1234567890qwerty',
  '1q2w3e4r5t6y', '1qaz2wsx3edc', 'qwertyuiopas', 'qwertyuiop123', 'qwerty123456',
  'qwertyqwerty', 'asdfghjkl123', 'zxcvbnm12345', 'abc123456789', 'abcdefghijkl',
  'abcd12345678', 'password1234', 'password12345', 'password123!', 'passwordpassword',
  'password1!password1!', 'mypassword123', 'letmein12345', 'letmeinletmein', 'welcome12345',
  'welcome123456', 'welcometothejungle', 'iloveyou1234', 'iloveyouiloveyou', 'changeme1234',
  'changemenow1', 'administrator', 'administrator1', 'admin1234567', 'adminadminadmin',
  'trustno1trustno1', 'football1234', 'liverpool1234', 'manchesterunited', 'chelseafc1234',
  'arsenal12345', 'sunshine1234', 'princess1234', 'baseball1234', 'superman1234',
  'starwars1234', 'monkey123456', 'dragon123456', 'master123456', 'shadow123456',
  'michael12345', 'jennifer1234', 'charlie12345', 'computer1234', 'internet1234',
  'whatever1234', 'nhspassword1', 'nhspassword123', 'doctor123456', 'surgery12345',
  'practice1234', 'planwell1234', 'planwellplanwell', 'summer202020', 'winter2020202',
  'spring123456', 'autumn123456', 'january12345', 'december1234', 'correcthorsebatterystaple',
  'thequickbrownfox', 'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234', 'passphrase123',
]);

export type PasswordProblem = 'too-short' | 'too-long' | 'too-common' | 'contains-username';

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  if (password.length < minimumPasswordLength) return 'too-short';
  if (password.length > maximumPasswordLength) return 'too-long';
  const folded = password.toLowerCase();
  if (commonPasswords.has(folded)) return 'too-common';
  // One repeated character, or a run like 123456789012 / abcdefghijklm, is as weak as a listed one.
  if (/^(.)\1+$/.test(folded) || isSimpleSequence(folded)) return 'too-common';
  if (username && username.length >= 3 && folded.includes(username.toLowerCase())) {
    return 'contains-username';
  }
  return null;
}

function isSimpleSequence(text: string): boolean {
  let ascending = true;
  let descending = true;
  for (let i = 1; i < text.length; i++) {
    const step = text.charCodeAt(i) - text.charCodeAt(i - 1);
    if (step !== 1) ascending = false;
    if (step !== -1) descending = false;
  }
  return ascending || descending;
}

export const passwordProblemMessages: Record<PasswordProblem, string> = {
  'too-short': `Password must be at least ${minimumPasswordLength} characters`,
  'too-long': `Password must be ${maximumPasswordLength} characters or fewer`,
  'too-common': 'This password is too common. Try three random words together',
  'contains-username': 'Password must not contain your username',
};
