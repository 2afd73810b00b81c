import type { DiscoveryDecision, ObjectSummary } from '@fsxn/pipeline';

export type FileKind = 'csv' | 'image';

/** The reference's discovery suffixes: sensor exports and inspection photos. */
const KINDS: readonly [string, FileKind][] = [
  ['.csv', 'csv'],
  ['.jpeg', 'image'],
  ['.jpg', 'image'],
  ['.png', 'image'],
];

/** The kind of a key by its suffix, in any case; the content is checked by the step that reads it. */
export const kindOf = (key: string): FileKind | undefined => {
  const name = key.slice(key.lastIndexOf('/') + 1).toLowerCase();
  return KINDS.find(([suffix]) => name.endsWith(suffix))?.[1];
};

export const classifyObject = async (obj: ObjectSummary): Promise<DiscoveryDecision> =>
  kindOf(obj.key) ? { include: true } : { include: false, reason: 'not a .csv, .jpeg, .jpg or .png file' };
