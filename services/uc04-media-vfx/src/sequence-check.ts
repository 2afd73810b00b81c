import { type ItemResult, toItemResult } from '@fsxn/pipeline';
import { z } from 'zod';
import { analyseSequences, type FrameRecord, type SequenceReport } from './domain';

/** The part of a frame summary the sequence check needs; the rest is carried into the sequence report. */
const frameSchema = z
  .object({
    width: z.number(),
    height: z.number(),
    displayWindow: z.string().optional(),
    channels: z.string(),
    fingerprint: z.string(),
    check: z.union([
      z.object({ decoded: z.literal(true), black: z.boolean(), uniform: z.boolean() }).passthrough(),
      z.object({ decoded: z.literal(false), reason: z.string() }),
    ]),
  })
  .passthrough();

export interface SequenceCheck {
  sequences: SequenceReport[];
  /** Per frame: status and the header summary (or the failure reason), in key order. */
  frames: { key: string; status: ItemResult['status']; reason?: string; frame?: z.output<typeof frameSchema> }[];
}

/**
 * Turns the Map's outputs (frames inspected, frames failed by the handler, Catch records) into frame
 * records and checks them per sequence.
 */
export const checkSequences = (results: readonly unknown[]): SequenceCheck => {
  const frames: SequenceCheck['frames'] = [];
  const records: FrameRecord[] = [];
  for (const raw of results) {
    const item = toItemResult(raw);
    const parsed = frameSchema.safeParse(
      typeof raw === 'object' && raw !== null ? Reflect.get(raw, 'frame') : undefined,
    );
    if (item.status === 'SUCCEEDED' && parsed.success) {
      const f = parsed.data;
      records.push({
        key: item.key,
        status: 'ok',
        width: f.width,
        height: f.height,
        displayWindow: f.displayWindow,
        channels: f.channels,
        fingerprint: f.fingerprint,
        decoded: f.check.decoded,
        black: f.check.decoded ? f.check.black : undefined,
        uniform: f.check.decoded ? f.check.uniform : undefined,
      });
      frames.push({ key: item.key, status: item.status, frame: f });
    } else if (item.status === 'FAILED') {
      records.push({ key: item.key, status: 'failed', reason: item.reason });
      frames.push({ key: item.key, status: item.status, reason: item.reason });
    }
  }
  frames.sort((a, b) => a.key.localeCompare(b.key));
  return { sequences: analyseSequences(records), frames };
};
