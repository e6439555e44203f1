import type { NewPerson } from '../../src-shared/contract/people';
import { nhsCheckDigit } from '../../src-shared/domain/nhs-number';
import { cumulative, pick, pickCommon, pickWeighted, streamFor } from './random';
import {
  syntheticAddress,
  syntheticContactMethod,
  syntheticEmail,
  syntheticPhone,
  syntheticPostcode,
  syntheticPreferredName,
  syntheticWorker,
} from './synthetic-details';

/**
 * Realistic synthetic people for demos and benchmarks. Nobody here is real:
 * - NHS numbers come only from 999 000 0000 – 999 999 9999, the range reserved for testing, and
 *   every one passes the Modulus 11 check; within one call they are all different.
 * - Names reflect England's mix (with accents, apostrophes, spaces and hyphens), given names
 *   fit the decade a person was born in, and the list leans older, like a care-planning caseload.
 * - Contact details are safe to show anywhere: Ofcom's drama phone numbers, example.com email
 *   addresses, local-looking postcodes with made-up inward codes (see synthetic-details.ts).
 * - The same seed always gives the same people, and the first n people of a larger call are the
 *   same as a call for n, so a bigger demo is a superset of a smaller one.
 */

/** Ages are worked out on this day, so the output never depends on when it is run. */
export const syntheticReferenceDate = '2026-01-01';

export interface SyntheticPeopleOptions {
  /** The day on which everyone is 18–100 years old ('YYYY-MM-DD'). */
  referenceDate?: string;
  /** Staff to assign people to; about three in four people get one of them. */
  workerIds?: readonly string[];
}

const nineDigitPrefixes = 1_000_000; // 999 000 000 – 999 999 999

const nhsStream = 0x4e48_5331; // "NHS1"
const peopleStream = 0x5045_4f31; // "PEO1"
const detailsStream = 0x4445_5431; // "DET1"

function checkCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('The count must be a whole number, 0 or more');
  if (count > nineDigitPrefixes) throw new RangeError('There are fewer than 1,000,000 test-range NHS numbers');
}

// ---------------------------------------------------------------------------------------------
// NHS numbers

/**
 * `count` different valid NHS numbers from the test range, in a seeded random order. A partial
 * Fisher–Yates shuffle of the million nine-digit prefixes: no duplicates by construction, and
 * prefixes for which no check digit exists are skipped.
 */
export function syntheticNhsNumbers(count: number, seed: number): string[] {
  checkCount(count);
  const random = streamFor(seed, nhsStream);
  const numbers: string[] = [];
  if (count === 0) return numbers;
  const suffixes = new Uint32Array(nineDigitPrefixes);
  for (let i = 0; i < nineDigitPrefixes; i++) suffixes[i] = i;
  for (let i = 0; i < nineDigitPrefixes && numbers.length < count; i++) {
    const j = i + Math.floor(random() * (nineDigitPrefixes - i));
    const chosen = suffixes[j]!;
    suffixes[j] = suffixes[i]!;
    suffixes[i] = chosen;
    const firstNine = `999${String(chosen).padStart(6, '0')}`;
    const check = nhsCheckDigit(firstNine);
    if (check !== null) numbers.push(`${firstNine}${check}`);
  }
  if (numbers.length < count) {
    throw new RangeError(`Only ${numbers.length} valid NHS numbers exist in the test range`);
  }
  return numbers;
}

// ---------------------------------------------------------------------------------------------
// Names

type Cohort = 'older' | 'middle' | 'younger'; // born before 1950, 1950–1979, 1980 on
type Sex = 'female' | 'male';

/** A family name, or a pair where the name changes with sex (Kowalski / Kowalska). */
type FamilyName = string | readonly [male: string, female: string];

interface Heritage {
  familyNames: readonly FamilyName[];
  given: Record<Sex, readonly string[]> | Record<Cohort, Record<Sex, readonly string[]>>;
}

const britishAndIrish: Heritage = {
  familyNames: [
    'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
    'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall',
    'Lewis', 'Harris', 'Clarke', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward',
    'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James',
    'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell',
    'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Miller',
    'Cox', 'Richards', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams', 'Wilkinson', 'Foster', 'Chapman',
    'Powell', 'Webb', 'Rogers', 'Gray', 'Mason', 'Hunt', 'Holmes', 'Palmer', 'Atkinson', 'Barnes',
    'Lloyd', 'Fletcher', 'Pearson', 'Dixon', 'Reid', 'Stevens', 'Howard', 'Fisher', 'Pritchard', 'Vaughan',
    'Llewellyn', 'MacDonald', 'McKenzie', 'Campbell', 'Stewart', 'Fraser', 'Fitzgerald', "O'Brien", "O'Connor", "O'Neill",
    "O'Sullivan", 'Ó Súilleabháin', 'Ó Ceallaigh', 'McCarthy', 'Doherty', 'Byrne', 'Gallagher', 'Quinn', 'Smith-Jones', 'Lloyd-Davies',
    'Taylor-Brown', 'Clarke-Williams', 'ffrench', "D'Arcy",
  ],
  given: {
    older: {
      female: [
        'Margaret', 'Dorothy', 'Joan', 'Joyce', 'Jean', 'Patricia', 'Barbara', 'Doris', 'Eileen', 'Irene',
        'Mary', 'Betty', 'Brenda', 'Sheila', 'Audrey', 'Kathleen', 'Maureen', 'Elsie', 'Vera', 'Winifred',
        'Edna', 'Hilda', 'Phyllis', 'Sylvia', 'Gladys', 'Peggy', 'Marjorie', 'Beryl', 'Mavis', 'Bríd',
      ],
      male: [
        'John', 'William', 'George', 'Albert', 'Arthur', 'Frederick', 'Harold', 'Kenneth', 'Ronald', 'Dennis',
        'Leslie', 'Stanley', 'Norman', 'Ernest', 'Walter', 'Frank', 'Eric', 'Raymond', 'Donald', 'Reginald',
        'Cyril', 'Percy', 'Sidney', 'Bernard', 'Gordon', 'Alfred', 'Douglas', 'Patrick', 'Éamonn', 'Dai',
      ],
    },
    middle: {
      female: [
        'Susan', 'Linda', 'Julie', 'Karen', 'Deborah', 'Tracey', 'Sharon', 'Jacqueline', 'Gillian', 'Elaine',
        'Alison', 'Carol', 'Christine', 'Janet', 'Lorraine', 'Nicola', 'Amanda', 'Joanne', 'Michelle', 'Lisa',
        'Sarah', 'Helen', 'Siobhán', 'Sinéad', 'Renée', 'Angela', 'Wendy', 'Dawn', 'Bernadette', 'Ann-Marie',
      ],
      male: [
        'David', 'Paul', 'Mark', 'Andrew', 'Stephen', 'Peter', 'Michael', 'Robert', 'Ian', 'Gary',
        'Kevin', 'Steven', 'Richard', 'Neil', 'Christopher', 'Anthony', 'Simon', 'Martin', 'Nigel', 'Graham',
        'Keith', 'Colin', 'Philip', 'Darren', 'Jason', 'Lee', 'Craig', 'Seán', 'Gareth', 'Dafydd',
      ],
    },
    younger: {
      female: [
        'Olivia', 'Amelia', 'Emily', 'Jessica', 'Sophie', 'Chloë', 'Zoë', 'Hannah', 'Charlotte', 'Lauren',
        'Megan', 'Rebecca', 'Holly', 'Ellie', 'Grace', 'Lucy', 'Katie', 'Jade', 'Aoife', 'Niamh',
        'Ffion', 'Caitlin', 'Isla', 'Freya', 'Poppy', 'Amber', 'Bethan', 'Eloise', 'Lacey-Mae', 'Leah',
      ],
      male: [
        'Oliver', 'Jack', 'Harry', 'James', 'Thomas', 'Joshua', 'Daniel', 'Samuel', 'Matthew', 'Ryan',
        'Liam', 'Connor', 'Callum', 'Jamie', 'Luke', 'Adam', 'Ben', 'Jake', 'Kieran', 'Lewis',
        'Owen', 'Rhys', 'Ciarán', 'Oisín', 'Dylan', 'Ethan', 'Alfie', 'Charlie', 'Jordan', 'Tommy-Lee',
      ],
    },
  },
};

const southAsian: Heritage = {
  familyNames: [
    'Patel', 'Khan', 'Singh', ['Singh', 'Kaur'], 'Ahmed', 'Ali', 'Hussain', ['Miah', 'Begum'], 'Akhtar', 'Shah',
    'Rahman', 'Islam', 'Chowdhury', 'Uddin', 'Miah', 'Iqbal', 'Mahmood', 'Sharma', 'Gupta', 'Kumar',
    'Mistry', 'Chauhan', 'Sandhu', 'Gill', 'Dhillon', 'Parmar', 'Joshi', 'Mehta', 'Desai', 'Bhatti',
    'Qureshi', 'Malik', 'Siddiqui', "D'Souza", 'Fernandes', 'Perera', 'Sivakumar', 'Abdul Karim',
  ],
  given: {
    female: [
      'Priya', 'Anjali', 'Sunita', 'Meera', 'Kavita', 'Nisha', 'Pooja', 'Asha', 'Harpreet', 'Gurpreet',
      'Manjit', 'Jaspreet', 'Simran', 'Aisha', 'Fatima', 'Ayesha', 'Zainab', 'Nusrat', 'Shabana', 'Rukhsana',
      'Nasreen', 'Farzana', 'Sadia', 'Amina', 'Maryam', 'Saira', 'Hafsa', 'Parveen', 'Tharshini', 'Nur-Jahan',
    ],
    male: [
      'Raj', 'Sanjay', 'Amit', 'Vikram', 'Rohan', 'Arjun', 'Ravi', 'Nikhil', 'Deepak', 'Sunil',
      'Harjit', 'Gurdeep', 'Jaswinder', 'Mohammed', 'Muhammad', 'Imran', 'Tariq', 'Asif', 'Shahid', 'Bilal',
      'Hamza', 'Zain', 'Omar', 'Yusuf', 'Rizwan', 'Faisal', 'Nadeem', 'Kamal', 'Anwar', 'Abdul',
    ],
  },
};

const blackAfricanAndCaribbean: Heritage = {
  familyNames: [
    'Okafor', 'Adeyemi', 'Adebayo', 'Okonkwo', 'Mensah', 'Osei', 'Boateng', 'Asante', 'Owusu', 'Appiah',
    'Mwangi', 'Kamau', 'Ndlovu', 'Banda', 'Abdi', 'Mohamed', 'Farah', 'Hassan', 'Warsame', 'Campbell',
    'Francis', 'Grant', 'Baptiste', 'Charles', 'Joseph', 'Henry', 'Forbes', 'McLean', 'Nwosu', 'Eze',
    'Afolabi', 'Diallo', 'Traoré', 'Kamara', 'Sesay', 'Oyelaran-Smith',
  ],
  given: {
    female: [
      'Blessing', 'Chioma', 'Ngozi', 'Adaeze', 'Funmilayo', 'Abena', 'Akosua', 'Ama', 'Efua', 'Amara',
      'Folake', 'Yetunde', 'Precious', 'Joy', 'Patience', 'Comfort', 'Hodan', 'Ayaan', 'Fadumo', 'Hawa',
      'Marcia', 'Claudette', 'Hyacinth', 'Beverley', 'Simone', 'Shanice', 'Keisha', 'Tanisha', 'Aaliyah', 'Grace',
    ],
    male: [
      'Chinedu', 'Emeka', 'Oluwaseun', 'Tunde', 'Femi', 'Kwame', 'Kofi', 'Kwabena', 'Yaw', 'Kojo',
      'Samuel', 'Emmanuel', 'Daniel', 'Joseph', 'Abdi', 'Mohamed', 'Delroy', 'Winston', 'Leroy', 'Errol',
      'Clive', 'Marcus', 'Jermaine', 'Tyrone', 'Kai', 'Tayo', 'Babajide', 'Mamadou', 'Ibrahim', 'Desmond',
    ],
  },
};

const eastAndSoutheastAsian: Heritage = {
  familyNames: [
    'Chen', 'Wong', 'Li', 'Zhang', 'Wang', 'Liu', 'Lam', 'Cheung', 'Chan', 'Ho',
    'Leung', 'Ng', 'Tang', 'Yeung', 'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Kim', 'Park',
    'Tan', 'Lim', 'Reyes', 'Cruz', 'Dela Cruz', 'Tanaka',
  ],
  given: {
    female: [
      'Mei', 'Ling', 'Jing', 'Xiaoling', 'Yan', 'Hui Min', 'Lan', 'Thảo', 'Linh', 'Mai',
      'Hoa', 'Ji-woo', 'Min-ji', 'Yuki', 'Maria', 'Rosario', 'Wing Yee', 'Siu Lan',
    ],
    male: [
      'Wei', 'Jun', 'Hao', 'Ming', 'Kwok Wai', 'Jian', 'Long', 'Minh', 'Tuấn', 'Đức',
      'Hùng', 'Min-jun', 'Ji-hoon', 'Hiroshi', 'Jose', 'Ramon', 'Chi Keung', 'Ka Ho',
    ],
  },
};

const easternEuropean: Heritage = {
  familyNames: [
    'Nowak', ['Kowalski', 'Kowalska'], ['Wiśniewski', 'Wiśniewska'], ['Lewandowski', 'Lewandowska'], 'Wójcik',
    ['Kamiński', 'Kamińska'], ['Zieliński', 'Zielińska'], ['Szymański', 'Szymańska'], 'Woźniak', ['Dąbrowski', 'Dąbrowska'],
    'Popescu', 'Popa', 'Ionescu', 'Stoica', ['Petrov', 'Petrova'], ['Ivanov', 'Ivanova'], ['Kazlauskas', 'Kazlauskienė'],
    ['Bērziņš', 'Bērziņa'], 'Horváth', ['Novák', 'Nováková'], 'Kovačević', ['Dimitrov', 'Dimitrova'],
  ],
  given: {
    female: [
      'Anna', 'Katarzyna', 'Agnieszka', 'Małgorzata', 'Magdalena', 'Joanna', 'Zofia', 'Ewa', 'Monika', 'Marta',
      'Ioana', 'Elena', 'Andreea', 'Mihaela', 'Daria', 'Olga', 'Natalia', 'Kristina', 'Jana', 'Aleksandra',
    ],
    male: [
      'Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Łukasz', 'Michał', 'Marcin', 'Jakub', 'Grzegorz', 'Andrzej',
      'Mateusz', 'Adrian', 'Ionuț', 'Andrei', 'Mihai', 'Florin', 'Dmitri', 'Jānis', 'Tomas', 'Mindaugas',
    ],
  },
};

const otherEuropeanAndMiddleEastern: Heritage = {
  familyNames: [
    'Rossi', 'Russo', 'Esposito', 'Romano', 'Ferrari', 'Costa', 'Silva', 'Gonçalves', 'Pereira', 'Rodrigues',
    'García', 'Martínez', 'López', 'Müller', 'Schmidt', 'Dubois', 'Lefèvre', 'Papadopoulos', 'Georgiou', 'Christodoulou',
    'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Öztürk', 'Hosseini', 'Rezaei', 'Haddad', 'Khoury', 'Al-Sayed',
    'Abdullah', 'Aziz', 'Karimi', 'de Oliveira', 'van der Berg', 'Kurt',
  ],
  given: {
    female: [
      'Giulia', 'Francesca', 'Sofia', 'Maria', 'Ana', 'Inês', 'Beatriz', 'Lucía', 'Carmen', 'Élodie',
      'Mélanie', 'Hélène', 'Anja', 'Eleni', 'Ayşe', 'Elif', 'Zeynep', 'Leyla', 'Yasmin', 'Layla',
      'Noor', 'Mariam', 'Shirin', 'Dina', 'Marie-Claire',
    ],
    male: [
      'Marco', 'Giuseppe', 'Luca', 'Alessandro', 'João', 'Tiago', 'Rui', 'José', 'Javier', 'Carlos',
      'François', 'Jérôme', 'Lukas', 'Stefan', 'Giorgos', 'Andreas', 'Nikos', 'Mehmet', 'Mustafa', 'Emre',
      'Ahmet', 'Reza', 'Omid', 'Karim', 'Tarek',
    ],
  },
};

const heritages = [
  britishAndIrish,
  southAsian,
  blackAfricanAndCaribbean,
  eastAndSoutheastAsian,
  easternEuropean,
  otherEuropeanAndMiddleEastern,
] as const;

/**
 * Rough shares by birth cohort, in the order of `heritages`: England's older population is less
 * diverse than its younger adults (Census 2021 gives about 74% White British over all ages).
 */
const heritageWeights: Record<Cohort, readonly number[]> = {
  older: [0.91, 0.04, 0.02, 0.005, 0.01, 0.015],
  middle: [0.8, 0.09, 0.04, 0.015, 0.03, 0.025],
  younger: [0.65, 0.13, 0.07, 0.03, 0.07, 0.05],
};

/** Some people carry a family name from another heritage (mixed families, marriage). */
const otherFamilyNameShare = 0.08;
/** And some a double-barrelled name made of two. */
const doubleBarrelledShare = 0.02;

/** Every family name that can stand in a double-barrelled pair (no spaces or hyphens already). */
const barrelParts: readonly FamilyName[] = heritages.flatMap((h) =>
  h.familyNames.filter((name) => !/[\s-]/.test(typeof name === 'string' ? name : name[0])),
);

// ---------------------------------------------------------------------------------------------
// Ages and dates of birth

/**
 * Age bands and their shares: a care-planning list leans older (long-term conditions, frailty,
 * continuing healthcare), so over half are 60 or more.
 */
const ageBands: readonly { from: number; to: number; share: number }[] = [
  { from: 18, to: 29, share: 0.1 },
  { from: 30, to: 44, share: 0.13 },
  { from: 45, to: 59, share: 0.17 },
  { from: 60, to: 69, share: 0.17 },
  { from: 70, to: 79, share: 0.21 },
  { from: 80, to: 89, share: 0.16 },
  { from: 90, to: 100, share: 0.06 },
];

const dayMs = 86_400_000;

function parseIsoDate(iso: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== iso) {
    throw new RangeError(`Not a real date: ${iso}`);
  }
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** The same day `years` earlier, as a UTC time; 29 February falls back to the 28th. */
function yearsBefore(reference: { year: number; month: number; day: number }, years: number): number {
  const year = reference.year - years;
  const daysInMonth = new Date(Date.UTC(year, reference.month, 0)).getUTCDate();
  return Date.UTC(year, reference.month - 1, Math.min(reference.day, daysInMonth));
}

// ---------------------------------------------------------------------------------------------

const familyNameLean = 1.25;
const givenNameLean = 1.15;

function familyNameFor(name: FamilyName, sex: Sex): string {
  return typeof name === 'string' ? name : sex === 'male' ? name[0] : name[1];
}

function givenNamesFor(heritage: Heritage, cohort: Cohort, sex: Sex): readonly string[] {
  const given = heritage.given;
  return 'older' in given ? given[cohort][sex] : given[sex];
}

/** `count` synthetic people, the same for the same seed. See the notes at the top of the file. */
export function syntheticPeople(count: number, seed: number, options: SyntheticPeopleOptions = {}): NewPerson[] {
  checkCount(count);
  const reference = parseIsoDate(options.referenceDate ?? syntheticReferenceDate);
  const nhsNumbers = syntheticNhsNumbers(count, seed);
  const random = streamFor(seed, peopleStream);
  // Contact details draw from their own stream, so names and dates of birth stay as they were.
  const detailsRandom = streamFor(seed, detailsStream);
  const workerIds = options.workerIds ?? [];
  const bandShares = cumulative(ageBands.map((band) => band.share));
  const heritageShares = {
    older: cumulative(heritageWeights.older),
    middle: cumulative(heritageWeights.middle),
    younger: cumulative(heritageWeights.younger),
  } satisfies Record<Cohort, Float64Array>;
  const people: NewPerson[] = new Array<NewPerson>(count);

  for (let i = 0; i < count; i++) {
    const band = ageBands[pickWeighted(random, bandShares)]!;
    const age = band.from + Math.floor(random() * (band.to - band.from + 1));
    // Born after the day `age + 1` years before the reference day, and no later than `age` years before.
    const earliest = yearsBefore(reference, age + 1) + dayMs;
    const latest = yearsBefore(reference, age);
    const born = earliest + Math.floor(random() * ((latest - earliest) / dayMs + 1)) * dayMs;
    const dateOfBirth = new Date(born).toISOString().slice(0, 10);
    const birthYear = Number(dateOfBirth.slice(0, 4));
    const cohort: Cohort = birthYear < 1950 ? 'older' : birthYear < 1980 ? 'middle' : 'younger';

    // Women outlive men, so the oldest bands hold more women.
    const sex: Sex = random() < (age >= 80 ? 0.6 : 0.51) ? 'female' : 'male';
    const heritage = heritages[pickWeighted(random, heritageShares[cohort])]!;
    const givenName = pickCommon(random, givenNamesFor(heritage, cohort, sex), givenNameLean);

    const nameRoll = random();
    let familyName: string;
    if (nameRoll < doubleBarrelledShare) {
      const first = familyNameFor(pickCommon(random, barrelParts, familyNameLean), sex);
      let second = familyNameFor(pickCommon(random, barrelParts, familyNameLean), sex);
      if (second === first) second = familyNameFor(pickCommon(random, britishAndIrish.familyNames, familyNameLean), sex);
      familyName = second === first ? first : `${first}-${second}`;
    } else if (nameRoll < doubleBarrelledShare + otherFamilyNameShare) {
      familyName = familyNameFor(pickCommon(random, pick(random, heritages).familyNames, familyNameLean), sex);
    } else {
      familyName = familyNameFor(pickCommon(random, heritage.familyNames, familyNameLean), sex);
    }

    const preferredName = syntheticPreferredName(detailsRandom, givenName);
    const phone = syntheticPhone(detailsRandom);
    const email = age < 75 && detailsRandom() < 0.3 ? syntheticEmail(detailsRandom, preferredName || givenName, familyName) : '';
    people[i] = {
      givenName,
      familyName,
      preferredName,
      dateOfBirth,
      nhsNumber: nhsNumbers[i]!,
      sexOrGender: '',
      address: syntheticAddress(detailsRandom),
      postcode: syntheticPostcode(detailsRandom),
      phone: phone?.phone ?? '',
      email,
      preferredContactMethod: syntheticContactMethod(detailsRandom, phone, email !== ''),
      registeredPractice: '',
      assignedWorkerId: syntheticWorker(detailsRandom, workerIds),
      sharingPreferences: '',
    };
  }
  return people;
}
