import type { FileEvent } from '@fsxn/fpolicy';

/** A valid event, written by hand against fileEventSchema. */
export const event = (n: number, overrides: Partial<FileEvent> = {}): FileEvent => ({
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  operation: 'create',
  reqType: 'SMB_CREAT',
  protocol: 'cifs',
  svm: 'svm1',
  volume: 'vol1',
  path: `dir/file-${n}.txt`,
  time: '2023-11-03T00:19:53.791Z',
  sessionId: 's1',
  sequence: n,
  fileType: 'FILE',
  ...overrides,
});
