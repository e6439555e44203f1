import type { AccessibilityFeature, ContactType, DirectoryEntryInput, ReferralSource } from '../../src-shared/contract';
import { addDays, daysBetween } from '../../src-shared/domain/calendar';
import { between, pick, streamFor } from './random';

/**
 * Invented local groups and services for the demo directory (every name is made up; phone
 * numbers are from Ofcom's range for drama, 01632 960000–960999), and the shape of a few
 * social prescribing referrals.
 */
const groups: { name: string; category: string; description: string; cost: string; whenItRuns: string; accessibility: AccessibilityFeature[] }[] = [
  { name: 'Riverside Walking for Health', category: 'physical-activity', description: 'Gentle led walks by the river, about an hour, then a cup of tea.', cost: 'Free', whenItRuns: 'Tuesdays and Fridays, 10am', accessibility: ['public-transport'] },
  { name: 'Tuesday Tea and Chat', category: 'social-groups', description: 'A friendly drop-in for a cuppa, cake and a chat. Come on your own or bring a friend.', cost: '£1 donation', whenItRuns: 'Tuesdays, 2pm to 4pm', accessibility: ['step-free', 'accessible-toilet', 'hearing-loop'] },
  { name: 'Men in Sheds Millbrook', category: 'social-groups', description: 'A workshop where men meet to make and mend things together.', cost: '£2 a session', whenItRuns: 'Mondays and Thursdays, 9am to 1pm', accessibility: ['step-free', 'parking'] },
  { name: 'Community Allotment Project', category: 'nature', description: 'Grow vegetables and flowers with others. No experience needed; tools provided.', cost: 'Free', whenItRuns: 'Wednesdays and Saturdays, 10am to 2pm', accessibility: ['parking'] },
  { name: 'Citizens Advice Riverside', category: 'money-advice', description: 'Free, confidential advice on benefits, debt, bills and housing problems.', cost: 'Free', whenItRuns: 'Weekdays, 9:30am to 4pm; phone line every day', accessibility: ['step-free', 'accessible-toilet', 'hearing-loop', 'bsl', 'public-transport'] },
  { name: 'Carers Together', category: 'carers', description: 'Support, breaks and a monthly group for people who look after someone.', cost: 'Free', whenItRuns: 'First Thursday of the month, 11am', accessibility: ['step-free', 'accessible-toilet', 'quiet-space'] },
  { name: 'Sing for Your Lungs', category: 'arts', description: 'A singing group for people with breathing problems. Breathing exercises and songs.', cost: '£3 a session', whenItRuns: 'Wednesdays, 1:30pm', accessibility: ['step-free', 'hearing-loop'] },
  { name: 'Millbrook Library Reading Group', category: 'arts', description: 'Read a book each month and talk about it. Large print copies available.', cost: 'Free', whenItRuns: 'Last Monday of the month, 6pm', accessibility: ['step-free', 'large-print', 'accessible-toilet'] },
  { name: 'Chair Yoga at St Anne’s Hall', category: 'physical-activity', description: 'Seated yoga to help with movement and balance, for all abilities.', cost: '£4 a class', whenItRuns: 'Fridays, 11am', accessibility: ['step-free', 'accessible-toilet', 'parking'] },
  { name: 'Good Grief Café', category: 'bereavement', description: 'A relaxed place to talk with others who have lost someone.', cost: 'Free', whenItRuns: 'Second Saturday of the month, 10:30am', accessibility: ['step-free', 'quiet-space'] },
  { name: 'Talking Therapies self-referral', category: 'mental-health', description: 'NHS talking therapies for low mood, worry and stress. People can refer themselves.', cost: 'Free', whenItRuns: 'Appointments on weekdays and some evenings', accessibility: ['bsl', 'large-print'] },
  { name: 'Back to Work Club', category: 'employment', description: 'Help with CVs, applications and confidence, and volunteering to start.', cost: 'Free', whenItRuns: 'Thursdays, 10am to 12 noon', accessibility: ['step-free', 'public-transport'] },
  { name: 'Cook and Eat Together', category: 'food', description: 'Learn to cook simple meals on a budget, then share them.', cost: '£2 a session', whenItRuns: 'Wednesdays, 5pm to 7pm', accessibility: ['step-free', 'accessible-toilet'] },
  { name: 'Diabetes Peer Support Group', category: 'health-conditions', description: 'Meet others living with diabetes; talks from nurses now and then.', cost: 'Free', whenItRuns: 'Third Tuesday of the month, 7pm', accessibility: ['step-free', 'hearing-loop'] },
  { name: 'Riverside Housing Help Desk', category: 'housing', description: 'Help with repairs, rent arrears, moving home and homelessness.', cost: 'Free', whenItRuns: 'Mondays and Wednesdays, 10am to 3pm', accessibility: ['step-free', 'bsl', 'public-transport'] },
  { name: 'Park Run Walkers', category: 'physical-activity', description: 'Walk the 5 km park run at your own pace, with friendly volunteers.', cost: 'Free', whenItRuns: 'Saturdays, 9am', accessibility: ['parking'] },
  { name: 'Befriending by Phone', category: 'social-groups', description: 'A volunteer phones for a chat once a week, at a time that suits.', cost: 'Free', whenItRuns: 'Weekly, time agreed', accessibility: ['large-print'] },
  { name: 'Art for Wellbeing', category: 'arts', description: 'Painting and drawing in a calm, welcoming group. Materials provided.', cost: 'Free', whenItRuns: 'Thursdays, 1pm to 3pm', accessibility: ['step-free', 'quiet-space', 'accessible-toilet'] },
];

const areas = ['Riverside', 'Millbrook', 'Old Town', 'Hillside'];

/** The demo directory: some entries checked recently, a few not for over six months. */
export function syntheticDirectory(seed: number, today: string): DirectoryEntryInput[] {
  const random = streamFor(seed, 91);
  return groups.map((group, index) => ({
    ...group,
    area: pick(random, areas),
    address: `${between(random, 2, 140)} ${pick(random, ['High Street', 'Mill Lane', 'Church Road', 'Station Road', 'Park Avenue'])}, ${pick(random, areas)}`,
    contact: `Call 01632 960${String(100 + index * 7).padStart(3, '0')}`,
    referralRoute: pick(random, ['Drop in', 'Phone to book a place', 'Link worker referral by email', 'Self-referral online']),
    // Every sixth entry has gone unchecked for about eight months.
    lastCheckedOn: addDays(today, index % 6 === 5 ? -between(random, 230, 280) : -between(random, 5, 150)),
  }));
}

export interface SyntheticReferral {
  referredOn: string;
  source: ReferralSource;
  referrerName: string;
  reasons: string[];
  contacts: { daysAfter: number; durationMinutes: number; type: ContactType }[];
  /** Indexes into the directory. */
  connections: number[];
  ending: 'accepted' | 'declined' | 'did-not-engage' | 'discharged';
}

const sources: ReferralSource[] = ['gp', 'gp', 'gp', 'nurse', 'practice-staff', 'social-care', 'voluntary-sector', 'self'];
const reasonKeys = ['loneliness', 'low-mood', 'housing', 'money-and-debt', 'employment', 'carer-support', 'physical-activity', 'long-term-condition', 'bereavement'];
const contactTypes: ContactType[] = ['face-to-face', 'face-to-face', 'phone', 'phone', 'video', 'home-visit', 'group'];

export function syntheticReferral(index: number, seed: number, today: string): SyntheticReferral {
  const random = streamFor(seed, 92 + index * 7919);
  const referredOn = addDays(today, -between(random, 20, 200));
  const contactCount = between(random, 1, 8);
  const span = daysBetween(referredOn, today);
  const ending = index % 7 === 3 ? 'declined' : index % 9 === 4 ? 'did-not-engage' : index % 3 === 0 ? 'discharged' : 'accepted';
  const reasons = [...new Set([pick(random, reasonKeys), ...(random() < 0.4 ? [pick(random, reasonKeys)] : [])])];
  return {
    referredOn,
    source: pick(random, sources),
    referrerName: pick(random, ['Dr Patel', 'Dr Hughes', 'Nurse Ahmed', 'Reception team', 'Adult social care', 'Age UK volunteer', '']),
    reasons,
    contacts: Array.from({ length: ending === 'declined' ? 1 : contactCount }, (_, n) => ({
      // Never after today: a referral from three weeks ago has its later contacts bunched up.
      daysAfter: Math.min(3 + n * 9, span),
      durationMinutes: pick(random, [20, 30, 30, 45, 45, 60, 90]),
      type: pick(random, contactTypes),
    })),
    connections: ending === 'declined' ? [] : Array.from({ length: between(random, 1, 3) }, () => between(random, 0, groups.length - 1)),
    ending,
  };
}
