import { createHandler, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { analyzeSequencesConfig, SERVICE_ID } from '../config';
import { sequencesKey } from '../outputs';
import { checkSequences } from '../sequence-check';

const config = analyzeSequencesConfig();
const writer = outputWriterOf(config, s3Of(config));

const eventSchema = z.object({ executionArn: z.string().min(1), results: z.array(z.unknown()) });

/** At most this many sequences are passed on in the state (the full list is in the written report). */
const MAX_RERENDER_SEQUENCES = 200;

/**
 * Groups the run's frames into sequences, checks gaps, duplicates, identical content, black/flat frames
 * and mid-sequence changes, writes `sequences/YYYY/MM/DD/<execution>.json`, and passes on a compact
 * summary plus the frames worth re-rendering.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const check = checkSequences(event.results);
  const written = await writer.putJson(sequencesKey(event.executionArn, new Date()), check);
  const withProblems = check.sequences.filter((s) => s.problemCount > 0);
  const rerender = check.sequences
    .filter((s) => s.rerenderFrames.length > 0)
    .slice(0, MAX_RERENDER_SEQUENCES)
    .map((s) => ({ pattern: s.pattern, frames: s.rerenderFrames }));
  ctx.metrics.addMetric('SequencesWithProblems', 'Count', withProblems.length);
  ctx.log.info({ sequences: check.sequences.length, withProblems: withProblems.length }, 'sequences checked');
  return {
    reportKey: written.key,
    sequenceCount: check.sequences.length,
    sequencesWithProblems: withProblems.length,
    missingFrames: check.sequences.reduce((n, s) => n + s.missingCount, 0),
    blackFrames: check.sequences.reduce((n, s) => n + s.blackFrames.length, 0),
    uniformFrames: check.sequences.reduce((n, s) => n + s.uniformFrames.length, 0),
    duplicateFrameNumbers: check.sequences.reduce((n, s) => n + s.duplicateFrameNumbers.length, 0),
    identicalContent: check.sequences.reduce((n, s) => n + s.identicalContent.length, 0),
    changes: check.sequences.reduce((n, s) => n + s.changes.length, 0),
    rerenderCount: rerender.length,
    rerender,
  };
});
