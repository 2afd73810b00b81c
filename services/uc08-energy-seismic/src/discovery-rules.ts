import type { DiscoveryDecision, ObjectSummary } from '@fsxn/pipeline';

export type FileKind = 'seismic' | 'well-log';

const SEISMIC = ['.segy', '.sgy'];
const WELL_LOG = ['.las', '.csv'];

/** `.segy`/`.sgy` are seismic, `.las`/`.csv` well logs (case-insensitive); anything else is out of scope. */
export const fileKindOf = (key: string): FileKind | undefined => {
  const name = key.toLowerCase();
  if (SEISMIC.some((s) => name.endsWith(s))) return 'seismic';
  if (WELL_LOG.some((s) => name.endsWith(s))) return 'well-log';
  return undefined;
};

export const classifyObject = (obj: ObjectSummary): DiscoveryDecision =>
  fileKindOf(obj.key) === undefined
    ? { include: false, reason: 'not a SEG-Y, LAS or CSV file name' }
    : { include: true };
