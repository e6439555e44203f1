import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two workers on the two-core machines; SQLite and scrypt spend much of their time off the JS thread.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // Native SQLite and scrypt: separate processes, generous time on a 2-core machine.
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
