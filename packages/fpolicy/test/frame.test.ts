import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  decodeMessage,
  encodeFrame,
  encodeKeepAlive,
  encodeNegoRequest,
  FpolicyEncodeError,
  FpolicyFrameError,
} from '../src/index';
import { headerLine, NEGO_REQ_BODY, ontapFrame, rawFrame } from './captures';

const SAMPLE_NEGO = {
  vsUuid: '45228b37-6292-11ee-b5d1-000c29cdbe04',
  policyName: 'policy-test-flo',
  sessionId: 'd8ad84cc-79dd-11ee-b638-000c29cdbe04',
  versions: ['1.0', '1.1', '1.2', '2.0'],
};

const frameError = (fn: () => unknown): FpolicyFrameError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof FpolicyFrameError) return error;
    throw error;
  }
  throw new Error('expected an FpolicyFrameError');
};

describe('verified byte counts from real captures (reference §3.2)', () => {
  it('writes a KEEP_ALIVE frame with N = 124 (00 00 00 7C), no separator and a trailing NUL', () => {
    const frame = encodeKeepAlive();
    expect([...frame.subarray(0, 6)]).toEqual([0x22, 0x00, 0x00, 0x00, 0x7c, 0x22]);
    expect(frame.length).toBe(6 + 124);
    expect(Buffer.from(frame.subarray(6, 6 + 123)).toString('utf8')).toBe(headerLine('KEEP_ALIVE', 0));
    expect(frame.at(-1)).toBe(0);
    expect(Buffer.from(frame).includes('\n\n')).toBe(false);
  });

  it('the sample NEGO_REQ body from §3.4 is 287 bytes and its header line 123 bytes', () => {
    expect(Buffer.byteLength(NEGO_REQ_BODY, 'utf8')).toBe(287);
    expect(Buffer.byteLength(headerLine('NEGO_REQ', 287), 'utf8')).toBe(123);
  });

  it('writes the sample NEGO_REQ as N = 123 + 2 + 287 + 1 = 413, byte-identical to the capture layout', () => {
    const frame = encodeNegoRequest(SAMPLE_NEGO);
    expect(new DataView(frame.buffer, frame.byteOffset).getUint32(1, false)).toBe(413);
    expect(Buffer.from(frame).equals(ontapFrame('NEGO_REQ', NEGO_REQ_BODY))).toBe(true);
  });
});

describe('decodeFrame', () => {
  it('reads an ONTAP-layout frame built independently', () => {
    const frame = decodeFrame(ontapFrame('NEGO_REQ', NEGO_REQ_BODY));
    expect(frame.header).toEqual({ notfType: 'NEGO_REQ', contentLen: 287, dataFormat: 'XML' });
    expect(Buffer.from(frame.body).toString('utf8')).toBe(NEGO_REQ_BODY);
  });

  it('reads a KEEP_ALIVE with and without the trailing NUL', () => {
    for (const payload of [`${headerLine('KEEP_ALIVE', 0)}\0`, headerLine('KEEP_ALIVE', 0)]) {
      const frame = decodeFrame(rawFrame(Buffer.from(payload)));
      expect(frame.header.notfType).toBe('KEEP_ALIVE');
      expect(frame.body.length).toBe(0);
    }
  });

  it.each([
    [
      'Splunk: no NUL, ContentLen = body',
      (b: Buffer) => Buffer.concat([Buffer.from(`${headerLine('NEGO_RESP', b.length)}\n\n`), b]),
    ],
    [
      'YhunerFSY: NUL, ContentLen = body',
      (b: Buffer) => Buffer.concat([Buffer.from(`${headerLine('NEGO_RESP', b.length)}\n\n`), b, Buffer.from([0])]),
    ],
    [
      'Esraayasser: NUL, ContentLen = body + 1',
      (b: Buffer) => Buffer.concat([Buffer.from(`${headerLine('NEGO_RESP', b.length + 1)}\n\n`), b, Buffer.from([0])]),
    ],
  ])('accepts a server response in the %s style', (_style, build) => {
    const body = Buffer.from(
      '<?xml version="1.0"?><HandshakeResp><VsUUID>a</VsUUID><PolicyName>p</PolicyName><SessionId>s</SessionId><ProtVersion>1.2</ProtVersion></HandshakeResp>',
    );
    const frame = decodeFrame(rawFrame(build(body)));
    expect(Buffer.from(frame.body).equals(body)).toBe(true);
    expect(decodeMessage(frame)).toEqual({
      type: 'NEGO_RESP',
      vsUuid: 'a',
      policyName: 'p',
      sessionId: 's',
      version: '1.2',
    });
  });

  it('keeps a non-XML body that really ends in 0x00 when ContentLen says so', () => {
    const body = Buffer.from([0x08, 0x00]);
    const payload = Buffer.concat([Buffer.from(`${headerLine('NEGO_REQ', 2).replace('XML', 'PROTOBUF')}\n\n`), body]);
    expect([...decodeFrame(rawFrame(payload)).body]).toEqual([0x08, 0x00]);
  });

  it.each([
    [
      'a ContentLen that matches neither body nor body + NUL',
      `${headerLine('SCREEN_REQ', 50)}\n\n<a/>\0`,
      'content-length-mismatch',
    ],
    ['a ContentLen > 0 without separator', `${headerLine('SCREEN_REQ', 4)}\0`, 'missing-separator'],
    [
      'an unknown header field',
      '<?xml version="1.0"?><Header><NotfType>KEEP_ALIVE</NotfType><ContentLen>0</ContentLen><Evil>1</Evil></Header>',
      'bad-header',
    ],
    [
      'a duplicate header field',
      '<?xml version="1.0"?><Header><NotfType>A</NotfType><NotfType>B</NotfType><ContentLen>0</ContentLen></Header>',
      'bad-header',
    ],
    ['a missing NotfType', '<?xml version="1.0"?><Header><ContentLen>0</ContentLen></Header>', 'bad-header'],
    [
      'a lower-case NotfType',
      '<?xml version="1.0"?><Header><NotfType>nego</NotfType><ContentLen>0</ContentLen></Header>',
      'bad-header',
    ],
    [
      'a negative ContentLen',
      '<?xml version="1.0"?><Header><NotfType>A</NotfType><ContentLen>-1</ContentLen></Header>',
      'bad-header',
    ],
    ['a header that is not XML', 'hello', 'bad-header'],
    [
      'a header with a DOCTYPE',
      '<!DOCTYPE Header [<!ENTITY x "y">]><Header><NotfType>A</NotfType><ContentLen>0</ContentLen></Header>',
      'bad-header',
    ],
    [
      'a header line longer than the limit',
      `<?xml version="1.0"?><Header><NotfType>${'A'.repeat(600)}</NotfType></Header>`,
      'header-too-large',
    ],
  ])('refuses %s with a resyncable error', (_what, payload, reason) => {
    const error = frameError(() => decodeFrame(rawFrame(Buffer.from(payload, 'utf8'))));
    expect(error.reason).toBe(reason);
    expect(error.resyncable).toBe(true);
  });

  it.each([
    ['a frame not starting with 0x22', Buffer.from('X\0\0\0\x05"hello'), 'bad-frame-start'],
    ['a length not closed by 0x22', Buffer.from('"\0\0\0\x05Xhello'), 'bad-length-delimiter'],
    ['a length of 0', Buffer.from('"\0\0\0\0"'), 'empty-frame'],
    ['a length above maxFrameBytes', Buffer.from('"\0\x10\0\x01"'), 'frame-too-large'],
    ['a truncated frame', ontapFrame('NEGO_REQ', NEGO_REQ_BODY).subarray(0, 100), 'truncated-frame'],
    [
      'bytes after the frame',
      Buffer.concat([ontapFrame('NEGO_REQ', NEGO_REQ_BODY), Buffer.from('"')]),
      'trailing-bytes',
    ],
  ])('refuses %s as fatal (connection must close)', (_what, bytes, reason) => {
    const error = frameError(() => decodeFrame(bytes));
    expect(error.reason).toBe(reason);
    expect(error.resyncable).toBe(false);
  });

  it('enforces a configured maxFrameBytes on both sides', () => {
    const bytes = ontapFrame('NEGO_REQ', NEGO_REQ_BODY);
    expect(frameError(() => decodeFrame(bytes, { maxFrameBytes: 412 })).reason).toBe('frame-too-large');
    expect(decodeFrame(bytes, { maxFrameBytes: 413 }).header.contentLen).toBe(287);
    expect(() => encodeFrame('NEGO_REQ', NEGO_REQ_BODY, { maxFrameBytes: 412 })).toThrow(FpolicyEncodeError);
  });
});

describe('encodeFrame styles', () => {
  it('writes the Splunk and Esraayasser variants ONTAP accepts', () => {
    const body = '<?xml version="1.0"?><X/>';
    const splunk = Buffer.from(encodeFrame('NEGO_RESP', body, { trailingNul: false }));
    expect(splunk.subarray(6).toString()).toBe(`${headerLine('NEGO_RESP', body.length)}\n\n${body}`);
    const esra = Buffer.from(encodeFrame('NEGO_RESP', body, { contentLenCountsNul: true }));
    expect(esra.subarray(6).toString()).toBe(`${headerLine('NEGO_RESP', body.length + 1)}\n\n${body}\0`);
  });

  it('refuses a NotfType that would break the header', () => {
    expect(() => encodeFrame('NEGO</NotfType>', '')).toThrow(FpolicyEncodeError);
  });
});
