import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTriggeringSample, toEnvelope } from '../src/commands/watch';
import type { CliIo } from '../src/io';
import { main } from '../src/main';

const UC05_RULE = {
  pattern: {
    source: ['fsxn.fpolicy'],
    'detail-type': ['FPolicy File Operation'],
    detail: { operation: ['close', 'rename'], path: [{ suffix: '.dcm' }] },
  },
  enabled: true,
};

const io = (): CliIo & { err: (t: string) => void; text: () => string } => {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), interactive: false, text: () => lines.join('') };
};

describe('fsxn demo --watch arguments', () => {
  it('refuses POLLING, --json, and --service without --watch before starting anything', async () => {
    const polling = io();
    expect(await main(['demo', '--watch', '--trigger-mode', 'POLLING'], polling)).toBe(2);
    expect(polling.text()).toMatch(/--trigger-mode must be EVENT_DRIVEN or HYBRID/);
    const json = io();
    expect(await main(['demo', '--watch', '--json'], json)).toBe(2);
    expect(json.text()).toMatch(/--json does not go with --watch/);
    const service = io();
    expect(await main(['demo', '--service', 'uc05-healthcare-dicom'], service)).toBe(2);
    expect(service.text()).toMatch(/go with --watch/);
  });

  it('documents --watch in the demo help and the command list', async () => {
    const help = io();
    expect(await main(['demo', '--help'], help)).toBe(0);
    expect(help.text()).toMatch(/fsxn demo --watch \[--service <name>\]/);
    const top = io();
    await main(['--help'], top);
    expect(top.text()).toMatch(/fsxn demo --watch/);
  });
});

describe('findTriggeringSample', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fsxn-watch-sample-'));
    await mkdir(join(dir, 'incoming'), { recursive: true });
    await mkdir(join(dir, 'fsxn-output', 'x'), { recursive: true });
    await mkdir(join(dir, 'study', 'b'), { recursive: true });
    await writeFile(join(dir, 'incoming', 'a.dcm'), 'x');
    await writeFile(join(dir, 'fsxn-output', 'x', 'a.dcm'), 'x');
    await writeFile(join(dir, 'study', 'notes.txt'), 'x');
    await writeFile(join(dir, 'study', 'b', 'z.dcm'), 'x');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('picks a file the rule matches, outside the drop directory and the outputs', async () => {
    expect(await findTriggeringSample(dir, [UC05_RULE], 'us-east-1', 'fsxn-output/')).toBe('study/b/z.dcm');
    const txtRule = { ...UC05_RULE, pattern: { detail: { path: [{ suffix: '.png' }] } } };
    expect(await findTriggeringSample(dir, [txtRule], 'us-east-1', 'fsxn-output/')).toBeUndefined();
  });
});

describe('toEnvelope', () => {
  it('wraps a file event as EventBridge delivers it to a rule target', () => {
    const detail = {
      eventId: '0b7f3a3e-4a43-4d5e-9a8e-1f6f7f1c2d3e',
      operation: 'close' as const,
      reqType: 'SMB_CLOSE',
      protocol: 'cifs' as const,
      svm: 'svm1',
      volume: 'vol1',
      path: 'incoming/a.dcm',
      time: '2026-01-02T03:04:05.678Z',
      sessionId: 's',
      sequence: 0,
      fileType: 'FILE' as const,
    };
    const envelope = toEnvelope(detail, 'us-east-1');
    expect(envelope).toMatchObject({
      version: '0',
      source: 'fsxn.fpolicy',
      'detail-type': 'FPolicy File Operation',
      account: '000000000000',
      region: 'us-east-1',
      resources: [],
      detail,
    });
    expect(envelope.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(envelope.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
