import { describe, expect, it } from 'vitest';
import { sizingCommand } from '../src/commands/sizing';
import { CliError, type CliIo } from '../src/io';

const capture = () => {
  const out: string[] = [];
  const io: CliIo = { out: (s) => out.push(s), err: () => undefined, interactive: false };
  return { io, out };
};

describe('fsxn sizing persistent-store', () => {
  it('prints the volume size and replay time for the reference example (100 events/s for 300 s)', async () => {
    const { io, out } = capture();
    const code = await sizingCommand(io, [
      'persistent-store',
      '--rate',
      '100',
      '--outage',
      '300',
      '--drain-rate',
      '500',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(out.join('')) as Record<string, number>;
    // 100 × 300 = 30,000 events; × 500 B × 2 = 30,000,000 B (use-cases.md §6: "100 eps×300 s → 30 MB"),
    // rounded up to whole MiB: ceil(30,000,000 / 1,048,576) = 29 MiB. Replay 30,000 / 500 = 60 s; catch-up
    // while 100/s keep arriving: 30,000 / (500 − 100) = 75 s.
    expect(result).toMatchObject({
      bufferedEvents: 30_000,
      volumeBytes: 29 * 1_048_576,
      replaySeconds: 60,
      catchUpSeconds: 75,
    });
  });

  it('names the missing options instead of guessing them', async () => {
    const { io } = capture();
    await expect(sizingCommand(io, ['persistent-store', '--rate', '100'])).rejects.toBeInstanceOf(CliError);
  });
});
