import { CreateJobCommand, DeadlineClient } from '@aws-sdk/client-deadline';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { clientTokenOf, type DeadlineSettings, rerenderJobTemplate, submitRerenders } from '../src/deadline';

const settings: DeadlineSettings = {
  farmId: `farm-${'a'.repeat(32)}`,
  queueId: `queue-${'b'.repeat(32)}`,
  priority: 70,
  renderCommand: 'render-shot.sh "$2" "$1"',
  maxRetriesPerTask: 2,
};
const execution = 'arn:aws:states:ap-northeast-1:123456789012:execution:fsxn-uc04-vfx-dev:run-1';

describe('submitRerenders (Deadline Cloud CreateJob)', () => {
  it('sends one CreateJob per sequence with the OpenJD template, frame ranges and an idempotency token', async () => {
    const deadline = mockClient(DeadlineClient);
    deadline.on(CreateJobCommand).resolvesOnce({ jobId: 'job-1' }).resolvesOnce({ jobId: 'job-2' });
    const submitted = await submitRerenders(
      new DeadlineClient({ region: 'ap-northeast-1' }),
      settings,
      [
        { pattern: 'r/sh010.%04d.exr', frames: [1004, 1005, 1010] },
        { pattern: 'r/empty.%04d.exr', frames: [] },
        { pattern: 'p/plate_%04d.dpx', frames: [7] },
      ],
      execution,
    );
    expect(submitted).toEqual([
      { pattern: 'r/sh010.%04d.exr', frames: '1004-1005,1010', jobId: 'job-1' },
      { pattern: 'p/plate_%04d.dpx', frames: '7', jobId: 'job-2' },
    ]);
    const calls = deadline.commandCalls(CreateJobCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0].input).toEqual({
      farmId: settings.farmId,
      queueId: settings.queueId,
      clientToken: clientTokenOf(execution, 'r/sh010.%04d.exr'),
      templateType: 'JSON',
      template: rerenderJobTemplate(),
      priority: 70,
      maxRetriesPerTask: 2,
      parameters: {
        SequencePattern: { string: 'r/sh010.%04d.exr' },
        Frames: { string: '1004-1005,1010' },
        RenderCommand: { string: 'render-shot.sh "$2" "$1"' },
      },
    });
    deadline.restore();
  });

  it('uses a token that is stable per execution and sequence and within the 64-character limit', () => {
    const token = clientTokenOf(execution, 'a.%04d.exr');
    expect(token).toBe(clientTokenOf(execution, 'a.%04d.exr'));
    expect(token).not.toBe(clientTokenOf(execution, 'b.%04d.exr'));
    expect(token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('declares every parameter the step uses in an OpenJD 2023-09 template', () => {
    const template = JSON.parse(rerenderJobTemplate()) as {
      specificationVersion: string;
      parameterDefinitions: { name: string }[];
      steps: { parameterSpace: { taskParameterDefinitions: { name: string; type: string; range: string }[] } }[];
    };
    expect(template.specificationVersion).toBe('jobtemplate-2023-09');
    const declared = template.parameterDefinitions.map((p) => p.name).sort();
    const used = [...rerenderJobTemplate().matchAll(/\{\{Param\.(\w+)\}\}/g)].map((m) => m[1]);
    expect([...new Set(used)].sort()).toEqual(declared);
    expect(template.steps[0]?.parameterSpace.taskParameterDefinitions).toEqual([
      { name: 'Frame', type: 'INT', range: '{{Param.Frames}}' },
    ]);
  });
});
