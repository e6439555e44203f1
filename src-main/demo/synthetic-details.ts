import type { ContactMethod } from '../../src-shared/contract/people';
import { foldForSearch } from '../../src-shared/domain/search-text';
import { between, cumulative, pick, pickWeighted } from './random';

/**
 * Contact details for synthetic people. Nothing here reaches a real person:
 * - phone numbers come only from Ofcom's ranges kept for TV and radio drama (07700 900000–900999,
 *   0113 496 0000–0999), which are never given to anyone;
 * - email addresses use example.com, which is reserved and receives no mail;
 * - postcodes have the right shape and real outward codes for a practice in Leeds and its
 *   neighbours, with made-up inward codes, so they look local but name no particular address.
 */

/** Outward codes, most of them near the (fictional) practice. */
const postcodeAreas: readonly { area: string; districts: readonly [number, number]; share: number }[] = [
  { area: 'LS', districts: [1, 29], share: 0.82 },
  { area: 'BD', districts: [1, 24], share: 0.07 },
  { area: 'WF', districts: [1, 17], share: 0.07 },
  { area: 'HG', districts: [1, 5], share: 0.02 },
  { area: 'HX', districts: [1, 7], share: 0.02 },
];
const postcodeAreaShares = cumulative(postcodeAreas.map((a) => a.share));
/** The letters an inward code may end in (never C, I, K, M, O or V). */
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';

export function syntheticPostcode(random: () => number): string {
  const area = postcodeAreas[pickWeighted(random, postcodeAreaShares)]!;
  const district = between(random, area.districts[0], area.districts[1]);
  const sector = between(random, 0, 9);
  return `${area.area}${district} ${sector}${pick(random, [...inwardLetters])}${pick(random, [...inwardLetters])}`;
}

const streets = [
  'Church Lane', 'Mill Street', 'Station Road', 'Victoria Terrace', 'Chapel Street', 'Park Avenue', 'Moor View',
  'Back Lane', 'Beck Side', 'Wood Lane', 'Hillside Road', 'Springfield Mount', 'Cross Green', 'Well Close',
  'Oak Crescent', 'Ash Grove', 'Primrose Walk', 'Holly Bank', 'Canal Wharf', 'Low Fold',
];

export function syntheticAddress(random: () => number): string {
  const street = pick(random, streets);
  return random() < 0.15 ? `Flat ${between(random, 1, 24)}, ${between(random, 2, 90)} ${street}, Leeds` : `${between(random, 1, 180)} ${street}, Leeds`;
}

export interface SyntheticPhone {
  phone: string;
  mobile: boolean;
}

/** Two in three have a mobile, one in four a landline only, the rest no number at all. */
export function syntheticPhone(random: () => number): SyntheticPhone | null {
  const roll = random();
  const last = String(between(random, 0, 999)).padStart(3, '0');
  if (roll < 0.66) return { phone: `07700 900${last}`, mobile: true };
  if (roll < 0.91) return { phone: `0113 496 0${last}`, mobile: false };
  return null;
}

/** How they like to be contacted, fitting the number they have. */
export function syntheticContactMethod(random: () => number, phone: SyntheticPhone | null, hasEmail: boolean): ContactMethod | '' {
  const roll = random();
  if (roll < 0.3) return '';
  if (hasEmail && roll < 0.4) return 'email';
  if (!phone) return 'letter';
  if (phone.mobile && roll < 0.7) return 'text-message';
  return roll < 0.92 ? 'phone' : 'letter';
}

export function syntheticEmail(random: () => number, givenName: string, familyName: string): string {
  const local = (text: string) => foldForSearch(text).replace(/[^a-z]/g, '');
  const number = random() < 0.5 ? String(between(random, 1, 99)) : '';
  return `${local(givenName)}.${local(familyName)}${number}@example.com`;
}

/** The names people go by, for given names that have a common short form. */
const shortForms: Record<string, readonly string[]> = {
  Margaret: ['Peggy', 'Maggie', 'Meg'], Patricia: ['Pat', 'Trish'], Kathleen: ['Kath', 'Kathy'], Dorothy: ['Dot'],
  Barbara: ['Babs'], Winifred: ['Winnie'], Marjorie: ['Marje'], Bernadette: ['Bernie'], Jacqueline: ['Jackie'],
  Deborah: ['Debbie', 'Deb'], Christine: ['Chris', 'Tina'], Gillian: ['Gill'], Susan: ['Sue'], Nicola: ['Nicky'],
  Joanne: ['Jo'], Amanda: ['Mandy'], Jessica: ['Jess'], Rebecca: ['Becky'], Charlotte: ['Lottie', 'Charlie'],
  Frederick: ['Fred'], Albert: ['Bert'], Alfred: ['Alf'], William: ['Bill', 'Billy'], Robert: ['Bob', 'Rob'],
  Kenneth: ['Ken'], Ronald: ['Ron', 'Ronnie'], Leslie: ['Les'], Stanley: ['Stan'], Raymond: ['Ray'], Donald: ['Don'],
  Reginald: ['Reg'], Sidney: ['Sid'], Bernard: ['Bernie'], Douglas: ['Doug'], Patrick: ['Paddy', 'Pat'],
  Christopher: ['Chris'], Anthony: ['Tony'], Stephen: ['Steve'], Steven: ['Steve'], Michael: ['Mike', 'Mick'],
  Andrew: ['Andy'], Richard: ['Rich'], Philip: ['Phil'], Samuel: ['Sam'], Matthew: ['Matt'], Daniel: ['Dan', 'Danny'],
  Joshua: ['Josh'], Thomas: ['Tom'], Muhammad: ['Mo'], Mohammed: ['Mo'], Oluwaseun: ['Seun'], Babajide: ['Jide'],
  Funmilayo: ['Funmi'], Aleksandra: ['Ola'], Katarzyna: ['Kasia'], Małgorzata: ['Gosia'], Alessandro: ['Alex'],
  Xiaoling: ['Lily'], 'Kwok Wai': ['Kevin'], 'Hui Min': ['Amy'], 'Wing Yee': ['Winnie'],
};

/** A preferred name for about three in ten of those whose given name has a short form. */
export function syntheticPreferredName(random: () => number, givenName: string): string {
  const forms = shortForms[givenName];
  if (!forms) return '';
  return random() < 0.3 ? pick(random, forms) : '';
}

/** About three in four people have a named worker; the rest wait to be assigned. */
export function syntheticWorker(random: () => number, workerIds: readonly string[]): string | null {
  if (workerIds.length === 0 || random() < 0.25) return null;
  return pick(random, workerIds);
}
