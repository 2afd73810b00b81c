import fc from 'fast-check';
import type { NegoRequest, ScreenRequestInput } from '../src/index';

// Any code point XML 1.0 can carry, biased towards the characters that need escaping.
const VALID_XML = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const specialChar = fc.constantFrom(
  '<',
  '>',
  '&',
  '"',
  "'",
  '\r',
  '\n',
  '\t',
  ' ',
  ']]>',
  '&amp;',
  '&#13;',
  '\r\n',
  'é',
  '日本',
  '😀',
);
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((s) => VALID_XML.test(s));

export const xmlText = (constraints: { minLength?: number; maxLength?: number } = {}) =>
  fc
    .array(fc.oneof(specialChar, anyChar, fc.string({ unit: 'grapheme-ascii', maxLength: 4 })), {
      minLength: constraints.minLength ?? 0,
      maxLength: constraints.maxLength ?? 12,
    })
    .map((parts) => parts.join(''))
    .filter((s) => s.length >= (constraints.minLength ?? 0));

export const xmlId = xmlText({ minLength: 1 });

export const xmlName = fc
  .tuple(
    fc.constantFrom('A', 'b', '_', 'Vol', 'é', 'x'),
    fc.string({ unit: fc.constantFrom('a', 'Z', '0', '9', '-', '.', '_', 'é'), maxLength: 8 }),
  )
  .map(([head, tail]) => head + tail);

export const version = fc.tuple(fc.nat(9), fc.nat(9)).map(([a, b]) => `${a}.${b}`);

export const negoRequest: fc.Arbitrary<NegoRequest> = fc.record({
  vsUuid: xmlId,
  policyName: xmlId,
  sessionId: xmlId,
  versions: fc.array(version, { maxLength: 6 }),
});

export const REQ_TYPES = [
  'SMB_CREAT',
  'SMB_OPEN',
  'SMB_REN',
  'SMB_CLOSE',
  'SMB_DEL',
  'NFS_CREAT',
  'NFS_WR',
  'NFS_RENAME',
  'NFS_UNLINK',
  'NFS_CLOSE',
  'NFS_SETATTR',
  'NFS_RD',
  'SMB_FUTURE_OP',
  'NFS_LINK',
];

const unixPath = xmlText({ maxLength: 8 }).map((s) => `/${s}`);
const ip = fc.oneof(fc.ipV4(), fc.ipV6());
const uid = fc.nat({ max: 4_294_967_295 });
const detailName = fc.constantFrom(
  'OpenAccmode',
  'OpenSharemode',
  'OpenOptions',
  'CreatAccmode',
  'CreatDisposition',
  'Extra',
);

export const screenRequestInput: fc.Arbitrary<ScreenRequestInput> = fc.record(
  {
    reqId: fc.oneof(fc.nat(), fc.bigInt({ min: 0n, max: 10n ** 19n }).map(String)),
    reqType: fc.constantFrom(...REQ_TYPES),
    clientIp: ip,
    generationTimeMicros: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
    user: fc.record({ uid, winSid: xmlId }, { requiredKeys: [] }),
    fileOwner: fc.record({ uid, winSid: xmlId }, { requiredKeys: [] }),
    path: unixPath,
    winPath: fc.option(xmlText(), { nil: null }),
    targetPath: unixPath,
    volMsid: fc.oneof(fc.nat(), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String)),
    fileSize: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
    numHardLinks: fc.nat(1000),
    isOffline: fc.boolean(),
    fileType: fc.constantFrom('FILE' as const, 'DIR' as const),
    isSparse: fc.boolean(),
    isDense: fc.boolean(),
    displayPath: xmlText(),
    protocolVersion: fc.record({ major: fc.nat(5), minor: fc.nat(5) }),
    details: fc.array(fc.tuple(detailName, xmlText()), { maxLength: 4 }),
  },
  { requiredKeys: ['reqId', 'reqType', 'generationTimeMicros', 'path', 'volMsid'] },
);
