/**
 * `npm run crash -- --rounds 2000 [--seed N]`: the crash-safety harness at benchmark size. Prints
 * progress and the figures; exits non-zero on the first round that fails, with the seed to replay
 * the same choices: each round's writer seed and kill point as a fraction of its window (the
 * instants themselves follow the machine's speed, so a replay comes close rather than exact).
 */
import { parseArgs } from 'node:util';
import { formatReport, runCrashRounds } from './harness';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '2000' }, seed: { type: 'string' } } });
const rounds = Number(values.rounds);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : Number(values.seed);
if (!Number.isSafeInteger(rounds) || rounds < 1 || !Number.isSafeInteger(seed)) {
  console.error('Usage: npm run crash -- --rounds N [--seed S]');
  process.exit(2);
}
console.log(`Crash harness: ${rounds} rounds, seed ${seed}`);
const report = await runCrashRounds({ rounds, seed, progress: (line) => console.log(line), progressEvery: 100 });
console.log(formatReport(report));
process.exitCode = report.failure ? 1 : 0;
