import { createHash } from 'node:crypto';
import { CreateJobCommand, type CreateJobCommandInput, type DeadlineClient } from '@aws-sdk/client-deadline';
import { formatFrameList } from './domain';

/** One sequence whose frames should be rendered again (missing, unreadable, black or flat). */
export interface RerenderRequest {
  /** printf-style pattern of the sequence, e.g. `renders/sh010/comp.%04d.exr`. */
  pattern: string;
  frames: number[];
}

export interface DeadlineSettings {
  farmId: string;
  queueId: string;
  priority: number;
  /**
   * Shell command the worker runs once per frame; it gets the frame number as `$1` and the sequence
   * pattern as `$2` (e.g. `render-shot.sh "$2" "$1"`). The farm's queue environment provides the renderer.
   */
  renderCommand: string;
  maxRetriesPerTask: number;
}

/**
 * The Open Job Description template of a re-render job: one task per frame (`Frames` is an OpenJD range
 * expression such as `1004-1005,1010`), each running the configured command.
 */
export const rerenderJobTemplate = (): string =>
  JSON.stringify({
    specificationVersion: 'jobtemplate-2023-09',
    name: 'Re-render {{Param.SequencePattern}}',
    parameterDefinitions: [
      { name: 'SequencePattern', type: 'STRING', description: 'Sequence whose frames are rendered again' },
      { name: 'Frames', type: 'STRING', description: 'Frames to render, e.g. 1004-1005,1010', minLength: 1 },
      { name: 'RenderCommand', type: 'STRING', description: 'Command run per frame: $1 = frame, $2 = pattern' },
    ],
    steps: [
      {
        name: 'Rerender',
        parameterSpace: { taskParameterDefinitions: [{ name: 'Frame', type: 'INT', range: '{{Param.Frames}}' }] },
        script: {
          actions: {
            onRun: {
              command: 'bash',
              args: ['-c', '{{Param.RenderCommand}}', 'rerender', '{{Task.Param.Frame}}', '{{Param.SequencePattern}}'],
            },
          },
        },
      },
    ],
  });

/** Idempotency token of one request: a retried Lambda for the same execution and sequence creates no second job. */
export const clientTokenOf = (executionArn: string, pattern: string): string =>
  createHash('sha256').update(`${executionArn}\n${pattern}`).digest('hex').slice(0, 64);

export const createJobInput = (
  settings: DeadlineSettings,
  request: RerenderRequest,
  executionArn: string,
): CreateJobCommandInput => ({
  farmId: settings.farmId,
  queueId: settings.queueId,
  clientToken: clientTokenOf(executionArn, request.pattern),
  templateType: 'JSON',
  template: rerenderJobTemplate(),
  priority: settings.priority,
  maxRetriesPerTask: settings.maxRetriesPerTask,
  parameters: {
    SequencePattern: { string: request.pattern },
    Frames: { string: formatFrameList(request.frames).join(',') },
    RenderCommand: { string: settings.renderCommand },
  },
});

/** Submits one re-render job per sequence through Deadline Cloud `CreateJob`; returns the job ids. */
export const submitRerenders = async (
  client: Pick<DeadlineClient, 'send'>,
  settings: DeadlineSettings,
  requests: readonly RerenderRequest[],
  executionArn: string,
): Promise<{ pattern: string; frames: string; jobId: string }[]> => {
  const submitted: { pattern: string; frames: string; jobId: string }[] = [];
  for (const request of requests) {
    if (request.frames.length === 0) continue;
    const input = createJobInput(settings, request, executionArn);
    const { jobId } = await client.send(new CreateJobCommand(input));
    submitted.push({ pattern: request.pattern, frames: input.parameters?.Frames?.string ?? '', jobId: jobId ?? '' });
  }
  return submitted;
};
