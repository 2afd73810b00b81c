import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileEvent } from '@fsxn/fpolicy';
import { buildDicomSample } from '@fsxn/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startWatchLoop,
  type WatchExecution,
  type WatchLoop,
  type WatchLoopOptions,
  type WatchTriggerMode,
} from '../src/commands/watch';
import type { CliIo } from '../src/io';

const UC05 = join(import.meta.dirname, '..', '..', '..', 'services', 'uc05-healthcare-dicom');
const OUTPUT_PREFIX = 'fsxn-output/uc05-healthcare-dicom/';
const PATIENT = 'WATCH^TESTPATIENT';

const recordingIo = (): CliIo & { text: () => string; until: (pattern: RegExp) => Promise<void> } => {
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const record = (t: string) => {
    lines.push(t);
    const text = lines.join('');
    for (const waiter of waiters.filter((w) => w.pattern.test(text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  return {
    out: record,
    err: record,
    interactive: false,
    text: () => lines.join(''),
    until: (pattern) =>
      pattern.test(lines.join('')) ? Promise.resolve() : new Promise((resolve) => waiters.push({ pattern, resolve })),
  };
};

/** Resolves with the next execution the loop queues (listener registered before the files are written). */
const nextExecution = (loop: WatchLoop): Promise<WatchExecution> =>
  new Promise((resolve) => loop.events.once('execution', resolve));

/** Resolves once the loop delivered an event for `path`, with whether a rule matched it. */
const eventFor = (loop: WatchLoop, path: string): Promise<[FileEvent, boolean]> =>
  new Promise((resolve) => {
    const listener = (event: FileEvent, matched: boolean) => {
      if (event.path !== path) return;
      loop.events.off('event', listener);
      resolve([event, matched]);
    };
    loop.events.on('event', listener);
  });

describe('fsxn demo --watch loop (uc05, FPolicy over loopback)', () => {
  let root = '';
  let dataDir = '';
  let loop: WatchLoop | undefined;
  const seen: [FileEvent, boolean][] = [];
  const executions: WatchExecution[] = [];
  let io = recordingIo();

  const start = async (triggerMode: WatchTriggerMode, identities = true) => {
    const options: WatchLoopOptions = {
      io,
      serviceDir: UC05,
      dataDir,
      stateRootDir: join(root, 'state'),
      triggerMode,
      ...(identities ? { reviewAs: 'dr-reviewer', approveAs: 'dr-approver' } : {}),
      retryDelayMs: 1,
      pollIntervalMs: 20,
      settleMs: 100,
    };
    loop = await startWatchLoop(options);
    loop.events.on('event', (event, matched) => seen.push([event, matched]));
    loop.events.on('execution', (execution) => executions.push(execution));
    return loop;
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'fsxn-watch-'));
    dataDir = join(root, 'volume');
    await mkdir(join(dataDir, 'existing'), { recursive: true });
    await mkdir(join(root, 'state'));
    // Present before the loop starts: not an event, so never processed.
    await writeFile(join(dataDir, 'existing', 'old.dcm'), buildDicomSample({ seed: 9 }).bytes);
    seen.length = 0;
    executions.length = 0;
    io = recordingIo();
  });

  afterEach(async () => {
    await loop?.stop();
    loop = undefined;
    await rm(root, { recursive: true, force: true });
  });

  /** Drops a DICOM file and a text file; returns the first execution's outcome once both events arrived. */
  const dropDicomAndText = async (running: WatchLoop, dicom: Uint8Array) => {
    const firstExecution = nextExecution(running);
    const textEvent = eventFor(running, 'incoming/notes.txt');
    await mkdir(join(dataDir, 'incoming'));
    await writeFile(join(dataDir, 'incoming', 'scan.dcm'), dicom);
    await writeFile(join(dataDir, 'incoming', 'notes.txt'), 'not a DICOM file');
    const [, textMatched] = await textEvent;
    const execution = await firstExecution;
    return { textMatched, execution, outcome: await execution.outcome };
  };

  it('EVENT_DRIVEN: one execution for the dropped DICOM file, none for text or outputs; a rewrite runs again', async () => {
    const running = await start('EVENT_DRIVEN');
    const dicom = buildDicomSample({ values: { patientName: PATIENT } }).bytes;
    const { textMatched, execution, outcome } = await dropDicomAndText(running, dicom);

    expect(textMatched).toBe(false);
    expect(execution.event).toMatchObject({ operation: 'close', path: 'incoming/scan.dcm', volume: running.volume });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.report?.counts).toEqual({ discovered: 1, succeeded: 1, failed: 0, skipped: 0 });
    const released = join(dataDir, OUTPUT_PREFIX, 'deidentified', 'incoming', 'scan.dcm');
    expect(existsSync(released)).toBe(true);
    const releasedBytes = await readFile(released);
    expect(releasedBytes.subarray(128, 132).toString('latin1')).toBe('DICM');
    expect(releasedBytes.includes(Buffer.from(PATIENT, 'latin1'))).toBe(false);
    expect(Buffer.from(dicom).includes(Buffer.from(PATIENT, 'latin1'))).toBe(true);

    // Same bytes written again: a new close event; EVENT_DRIVEN has no dedup, so the file is processed again.
    const second = nextExecution(running);
    await writeFile(join(dataDir, 'incoming', 'scan.dcm'), dicom);
    const rerun = await second;
    const rerunOutcome = await rerun.outcome;
    expect(rerun.event).toMatchObject({ operation: 'close', path: 'incoming/scan.dcm' });
    expect(rerunOutcome.status).toBe('SUCCEEDED');
    expect(rerunOutcome.report?.counts).toEqual({ discovered: 1, succeeded: 1, failed: 0, skipped: 0 });

    const counts = await running.stop();
    expect(executions.map((e) => [e.id, e.event.path])).toEqual([
      [1, 'incoming/scan.dcm'],
      [2, 'incoming/scan.dcm'],
    ]);
    expect(seen.map(([e]) => e.path).filter((p) => p.startsWith(OUTPUT_PREFIX) || p.startsWith('existing/'))).toEqual(
      [],
    );
    expect(counts.matched).toBe(2);
    expect(counts.received).toBe(seen.length);
    expect(counts.received).toBeGreaterThanOrEqual(3);
    expect(counts.executions).toEqual({ succeeded: 2, failed: 0, aborted: 0, notStarted: 0 });
    expect(existsSync(join(root, 'state', '.fsxn', 'stack.json'))).toBe(false);
    expect(io.text()).toMatch(/#1 incoming\/scan\.dcm: SUCCEEDED; 1 discovered = 1 succeeded/);
  });

  it('HYBRID: the rewrite of the same bytes is claimed already and skipped', async () => {
    const running = await start('HYBRID');
    const dicom = buildDicomSample({ values: { patientName: PATIENT }, seed: 3 }).bytes;
    const { outcome } = await dropDicomAndText(running, dicom);
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.report?.counts).toEqual({ discovered: 1, succeeded: 1, failed: 0, skipped: 0 });

    const second = nextExecution(running);
    await writeFile(join(dataDir, 'incoming', 'scan.dcm'), dicom);
    const rerunOutcome = await (await second).outcome;
    expect(rerunOutcome.status).toBe('SUCCEEDED');
    expect(rerunOutcome.report?.counts).toEqual({ discovered: 1, succeeded: 0, failed: 0, skipped: 1 });
    expect(rerunOutcome.report?.items[0]?.reason).toMatch(/already processed by .*HYBRID dedup/);

    const counts = await running.stop();
    expect(counts.executions).toEqual({ succeeded: 2, failed: 0, aborted: 0, notStarted: 0 });
  });

  it('without identities lists the open review and aborts the waiting execution at stop', async () => {
    const running = await start('EVENT_DRIVEN', false);
    const queued = nextExecution(running);
    await mkdir(join(dataDir, 'incoming'));
    await writeFile(join(dataDir, 'incoming', 'held.dcm'), buildDicomSample({ seed: 4 }).bytes);
    const execution = await queued;
    await io.until(/Waiting at the review gate \(1 open\):\n\s+rv-\S+\s+PENDING\s+incoming\/held\.dcm/);
    expect(io.text()).toMatch(/fsxn review approve --all --as <reviewer>/);

    const counts = await running.stop();
    expect((await execution.outcome).status).toBe('ABORTED');
    expect(counts.executions).toEqual({ succeeded: 0, failed: 0, aborted: 1, notStarted: 0 });
    expect(existsSync(join(dataDir, OUTPUT_PREFIX, 'deidentified', 'incoming', 'held.dcm'))).toBe(false);
  });
});
