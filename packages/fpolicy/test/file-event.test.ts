import type { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  decodeMessage,
  encodeScreenRequest,
  FpolicyEventError,
  fileEventSchema,
  normaliseVolumePath,
  operationOf,
  REQ_TYPE_TABLE,
  type ScreenRequest,
  toFileEvent,
} from '../src/index';
import { NFS_WR_BODY, ontapFrame, SMB_CREAT_BODY, SMB_REN_BODY } from './captures';

const screen = (frame: Buffer | Uint8Array): ScreenRequest => {
  const m = decodeMessage(decodeFrame(frame));
  if (m.type !== 'SCREEN_REQ') throw new Error('not a SCREEN_REQ');
  return m;
};

// Only characters a SCREEN_REQ can carry at all (XML 1.0 Char).
const XML_SAFE = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

const context = {
  volumeName: 'vol1',
  svmName: 'svm0',
  sessionId: 'd8ad84cc-79dd-11ee-b638-000c29cdbe04',
  sequence: 7,
  newEventId: () => '3b241101-e2bb-4255-8caf-4136c566a962',
};

describe('toFileEvent', () => {
  it('maps a captured SMB_CREAT to a create event with a volume-relative path', () => {
    expect(toFileEvent(screen(ontapFrame('SCREEN_REQ', SMB_CREAT_BODY)), context)).toEqual({
      eventId: '3b241101-e2bb-4255-8caf-4136c566a962',
      operation: 'create',
      reqType: 'SMB_CREAT',
      protocol: 'cifs',
      svm: 'svm0',
      volume: 'vol1',
      path: 'ntfs01/reports/q3.docx',
      clientIp: '192.0.2.26',
      user: { uid: 0, winSid: 'S-1-5-21-…-1000' },
      time: '2023-11-03T00:19:53.791Z',
      sessionId: context.sessionId,
      sequence: 7,
      fileSize: 0,
      fileType: 'FILE',
    });
  });

  it('keeps the first directory of the path (PathName is already volume-relative)', () => {
    expect(toFileEvent(screen(ontapFrame('SCREEN_REQ', NFS_WR_BODY)), context)).toMatchObject({
      operation: 'write',
      path: 'data/run1/out.csv',
      fileType: 'UNKNOWN',
    });
  });

  it('puts the new name in path and the old one in previousPath for a rename', () => {
    expect(toFileEvent(screen(ontapFrame('SCREEN_REQ', SMB_REN_BODY)), context)).toMatchObject({
      operation: 'rename',
      path: 'ntfs01/final.txt',
      previousPath: 'ntfs01/draft.txt',
    });
  });

  it('uses a random UUID when no id source is given', () => {
    const { newEventId: _unused, ...withoutId } = context;
    const a = toFileEvent(screen(ontapFrame('SCREEN_REQ', NFS_WR_BODY)), withoutId);
    const b = toFileEvent(screen(ontapFrame('SCREEN_REQ', NFS_WR_BODY)), withoutId);
    expect(a.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.eventId).not.toBe(b.eventId);
  });

  it.each([
    ['/../etc/passwd', 'path'],
    ['/a/../../b', 'path'],
    ['/a/b\nc.txt', 'path'],
  ])('refuses the hostile path %j', (path, field) => {
    const req = screen(
      encodeScreenRequest({ reqId: 1, reqType: 'NFS_CREAT', generationTimeMicros: 0, path, volMsid: 1 }),
    );
    try {
      toFileEvent(req, context);
      expect.unreachable('a hostile path must be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(FpolicyEventError);
      expect(error instanceof FpolicyEventError && error.field).toBe(field);
    }
  });

  it('refuses a hostile previous path of a rename', () => {
    const req = screen(
      encodeScreenRequest({
        reqId: 1,
        reqType: 'SMB_REN',
        generationTimeMicros: 0,
        path: '/x/../..',
        targetPath: '/ok',
        volMsid: 1,
      }),
    );
    expect(() => toFileEvent(req, context)).toThrow(FpolicyEventError);
  });

  it('refuses a client address that is not an IP address', () => {
    const req = screen(
      encodeScreenRequest({
        reqId: 1,
        reqType: 'NFS_WR',
        clientIp: 'evil.example',
        generationTimeMicros: 0,
        path: '/a',
        volMsid: 1,
      }),
    );
    expect(() => toFileEvent(req, context)).toThrow(FpolicyEventError);
  });

  it('always produces an event the schema accepts, whatever the (non-hostile) path', () => {
    const segment = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
      .filter(
        (s) =>
          !s.includes('/') &&
          s !== '.' &&
          s !== '..' &&
          XML_SAFE.test(s) &&
          [...s].every((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\u007f'),
      );
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 5 }),
        fc.constantFrom(...Object.keys(REQ_TYPE_TABLE), 'SMB_NEW'),
        (segments, reqType) => {
          const path = `/${segments.join('/')}`;
          const req = screen(
            encodeScreenRequest({
              reqId: 1,
              reqType,
              generationTimeMicros: 1698970793791282,
              path,
              targetPath: `${path}.new`,
              volMsid: 1,
            }),
          );
          const event = toFileEvent(req, context);
          expect(fileEventSchema.safeParse(event).success).toBe(true);
          expect(event.operation).toBe(operationOf(reqType));
          const expected = segments.join('/');
          expect(event.path).toBe(event.operation === 'rename' ? `${expected}.new` : expected);
        },
      ),
    );
  });
});

describe('normaliseVolumePath', () => {
  it.each([
    ['/ntfs01', 'ntfs01'],
    ['/a//b/./c/', 'a/b/c'],
    ['/', ''],
    ['relative/x', 'relative/x'],
    ['/dir with space/ü.txt', 'dir with space/ü.txt'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normaliseVolumePath(input)).toBe(expected);
  });
});

describe('ReqType mapping', () => {
  it('maps the captured SMB types and never guesses create for an unknown type', () => {
    expect(['SMB_CREAT', 'SMB_OPEN', 'SMB_REN'].map(operationOf)).toEqual(['create', 'open', 'rename']);
    expect(['SMB_CREAT', 'SMB_OPEN', 'SMB_REN'].map((t) => REQ_TYPE_TABLE[t]?.evidence)).toEqual([
      'verified-capture',
      'verified-capture',
      'verified-capture',
    ]);
    expect(['NOTI_REQ', 'SMB_WHATEVER', 'create', 'toString', '__proto__'].map(operationOf)).toEqual([
      'other',
      'other',
      'other',
      'other',
      'other',
    ]);
  });
});
