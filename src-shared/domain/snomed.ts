/**
 * SNOMED CT identifiers: 6 to 18 digits, no leading zero, the last a Verhoeff check digit; the two
 * before it say what the identifier is ("00" an international concept, "10" an extension's, such
 * as the UK's). Checked so a mistyped code is refused before it reaches a GP record.
 */

// The dihedral group D5's multiplication table (Verhoeff, 1969).
const multiplication = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
] as const;
// Position i uses the first permutation applied i times (mod 8): built, not typed out.
const firstPermutation = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4] as const;
const permutation: number[][] = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]];
for (let i = 1; i < 8; i++) permutation.push(firstPermutation.map((j) => permutation[i - 1]?.[j] ?? 0));

/** True when the digits, check digit last, pass Verhoeff's check. */
export function passesVerhoeff(digits: string): boolean {
  let check = 0;
  const reversed = [...digits].reverse();
  for (const [position, character] of reversed.entries()) {
    const digit = Number(character);
    check = multiplication[check]?.[permutation[position % 8]?.[digit] ?? 0] ?? 0;
  }
  return check === 0;
}

/** A well-formed SNOMED CT concept identifier (international or extension). */
export function isSnomedConceptId(value: string): boolean {
  if (!/^[1-9]\d{5,17}$/.test(value)) return false;
  const partition = value.slice(-3, -1);
  return (partition === '00' || partition === '10') && passesVerhoeff(value);
}
