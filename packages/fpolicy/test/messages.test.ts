import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildScreenRequestBody,
  chooseVersion,
  decodeFrame,
  decodeMessage,
  element,
  encodeAlertMessage,
  encodeFrame,
  encodeHousekeeping,
  encodeKeepAlive,
  encodeNegoRequest,
  encodeNegoResponse,
  encodeScreenRequest,
  encodeScreenResponse,
  FpolicyFrameError,
  type FpolicyMessage,
  FpolicyNegotiationError,
  negotiate,
  notfInfoElementName,
  screenResponseFor,
} from '../src/index';
import { negoRequest, screenRequestInput, xmlId, xmlText } from './arbitraries';
import { NEGO_REQ_BODY, NFS_WR_BODY, ontapFrame, SMB_CREAT_BODY, SMB_OPEN_BODY, SMB_REN_BODY } from './captures';

const decode = (bytes: Uint8Array): FpolicyMessage => decodeMessage(decodeFrame(bytes));

const screen = (body: string) => {
  const message = decode(ontapFrame('SCREEN_REQ', body));
  if (message.type !== 'SCREEN_REQ') throw new Error(`expected SCREEN_REQ, got ${message.type}`);
  return message;
};

describe('NEGO handshake', () => {
  it('decodes the captured NEGO_REQ: three ids and four versions, no SVM name', () => {
    expect(decode(ontapFrame('NEGO_REQ', NEGO_REQ_BODY))).toEqual({
      type: 'NEGO_REQ',
      vsUuid: '45228b37-6292-11ee-b5d1-000c29cdbe04',
      policyName: 'policy-test-flo',
      sessionId: 'd8ad84cc-79dd-11ee-b638-000c29cdbe04',
      versions: ['1.0', '1.1', '1.2', '2.0'],
    });
  });

  it('answers with a NEGO_RESP ONTAP would accept: ids echoed, exactly one offered version, capture layout', () => {
    const req = decode(ontapFrame('NEGO_REQ', NEGO_REQ_BODY));
    if (req.type !== 'NEGO_REQ') throw new Error('not a NEGO_REQ');
    const bytes = encodeNegoResponse(negotiate(req));
    const expectedBody =
      '<?xml version="1.0"?><HandshakeResp><VsUUID>45228b37-6292-11ee-b5d1-000c29cdbe04</VsUUID><PolicyName>policy-test-flo</PolicyName>' +
      '<SessionId>d8ad84cc-79dd-11ee-b638-000c29cdbe04</SessionId><ProtVersion>1.2</ProtVersion></HandshakeResp>';
    expect(Buffer.from(bytes).equals(ontapFrame('NEGO_RESP', expectedBody))).toBe(true);
    const frame = decodeFrame(bytes);
    expect(frame.header.contentLen).toBe(Buffer.byteLength(expectedBody));
    const resp = decodeMessage(frame);
    expect(resp).toEqual({
      type: 'NEGO_RESP',
      vsUuid: req.vsUuid,
      policyName: req.policyName,
      sessionId: req.sessionId,
      version: '1.2',
    });
    expect(
      Buffer.from(frame.body)
        .toString()
        .match(/<ProtVersion>/g),
    ).toHaveLength(1);
  });

  it('chooses the highest mutually supported version', () => {
    expect(chooseVersion(['1.0', '1.1', '1.2', '2.0'])).toBe('1.2');
    expect(chooseVersion(['2.0', '1.0'])).toBe('1.0');
    expect(chooseVersion(['1.0', '1.1', '1.2', '2.0'], ['1.0', '2.0'])).toBe('2.0');
    expect(chooseVersion(['1.10', '1.9'], ['1.9', '1.10'])).toBe('1.10');
  });

  it('throws FpolicyNegotiationError (ALERT-worthy) when nothing is shared', () => {
    expect(() => chooseVersion(['2.0', '3.0'])).toThrow(FpolicyNegotiationError);
    expect(() => chooseVersion([])).toThrow(FpolicyNegotiationError);
  });

  it('round-trips NEGO_REQ and NEGO_RESP for arbitrary ids, including unicode and XML special characters', () => {
    fc.assert(
      fc.property(negoRequest, fc.constantFrom('1.0', '1.1', '1.2'), (req, version) => {
        expect(decode(encodeNegoRequest(req))).toEqual({ type: 'NEGO_REQ', ...req });
        const resp = { vsUuid: req.vsUuid, policyName: req.policyName, sessionId: req.sessionId, version };
        expect(decode(encodeNegoResponse(resp))).toEqual({ type: 'NEGO_RESP', ...resp });
      }),
    );
  });

  it('refuses a NEGO_REQ without SessionId', () => {
    const body = NEGO_REQ_BODY.replace(/<SessionId>.*<\/SessionId>/, '');
    expect(() => decode(ontapFrame('NEGO_REQ', body))).toThrow(FpolicyFrameError);
  });
});

describe('SCREEN_REQ from capture-shaped bodies (reference §3.5)', () => {
  it('decodes SMB_OPEN', () => {
    const m = screen(SMB_OPEN_BODY);
    expect(m).toMatchObject({
      reqId: '2822',
      reqType: 'SMB_OPEN',
      operation: 'open',
      protocol: 'cifs',
      protocolVersion: { major: 3, minor: 1 },
      clientIp: '192.0.2.26',
      generationTimeMicros: 1698970793791282,
      userIdType: 'MAPPED_ID',
      user: { uid: 0, winSid: 'S-1-5-21-…-1000' },
      fileOwner: { winSid: 'S-1-5-32-544' },
      path: '/ntfs01',
      winPath: '\\ntfs01',
      volMsid: '2157674396',
      fileSize: 4096,
      fileType: 'DIR',
      displayPath: '\\\\SVM0\\ntfs01\\',
      details: [
        ['OpenAccmode', '129'],
        ['OpenSharemode', '7'],
        ['OpenOptions', '0'],
      ],
    });
    expect(m.generationTime.toISOString()).toBe('2023-11-03T00:19:53.791Z');
    expect(m.targetPath).toBeUndefined();
    expect(m.isNewObject).toBeUndefined();
  });

  it('decodes SMB_CREAT with CreatNewObject', () => {
    const m = screen(SMB_CREAT_BODY);
    expect(m).toMatchObject({
      reqId: '2830',
      reqType: 'SMB_CREAT',
      operation: 'create',
      protocol: 'cifs',
      path: '/ntfs01/reports/q3.docx',
      winPath: '\\ntfs01\\reports\\q3.docx',
      fileSize: 0,
      fileType: 'FILE',
      isNewObject: true,
    });
  });

  it('decodes SMB_REN with the new name from TargetAccessPath', () => {
    const m = screen(SMB_REN_BODY);
    expect(m).toMatchObject({
      reqId: '2841',
      reqType: 'SMB_REN',
      operation: 'rename',
      path: '/ntfs01/draft.txt',
      targetPath: '/ntfs01/final.txt',
      targetWinPath: '\\ntfs01\\final.txt',
    });
  });

  it('decodes the minimal NFS_WR shape (no client, no user, no file type)', () => {
    const m = screen(NFS_WR_BODY);
    expect(m).toMatchObject({
      reqType: 'NFS_WR',
      operation: 'write',
      protocol: 'nfs',
      path: '/data/run1/out.csv',
      volMsid: '2157674400',
      user: {},
      fileType: 'UNKNOWN',
    });
    expect(m.clientIp).toBeUndefined();
    expect(m.generationTime.toISOString()).toBe('2023-11-03T00:20:00.000Z');
  });

  it('encodes the captured SMB_OPEN byte for byte from its fields', () => {
    const bytes = encodeScreenRequest({
      reqId: 2822,
      reqType: 'SMB_OPEN',
      clientIp: '192.0.2.26',
      generationTimeMicros: 1698970793791282,
      user: { uid: 0, winSid: 'S-1-5-21-…-1000' },
      fileOwner: { winSid: 'S-1-5-32-544' },
      path: '/ntfs01',
      volMsid: 2157674396,
      fileSize: 4096,
      numHardLinks: 2,
      isOffline: false,
      fileType: 'DIR',
      isSparse: false,
      isDense: false,
      displayPath: '\\\\SVM0\\ntfs01\\',
      protocolVersion: { major: 3, minor: 1 },
      details: [
        ['OpenAccmode', '129'],
        ['OpenSharemode', '7'],
        ['OpenOptions', '0'],
      ],
    });
    expect(Buffer.from(bytes).equals(ontapFrame('SCREEN_REQ', SMB_OPEN_BODY))).toBe(true);
  });

  it('encodes the NFS_WR shape with only the UNIX_NAME path', () => {
    const body = buildScreenRequestBody({
      reqId: 17,
      reqType: 'NFS_WR',
      generationTimeMicros: 1698970800000000,
      path: '/data/run1/out.csv',
      winPath: null,
      volMsid: '2157674400',
    });
    expect(body).toBe(NFS_WR_BODY);
  });

  it('keeps an unknown ReqType raw and maps it to other, never create', () => {
    const body = NFS_WR_BODY.replaceAll('NFS_WR', 'SMB_QUANTUM').replaceAll('NfsWrReq', 'SmbQuantumReq');
    expect(screen(body)).toMatchObject({ reqType: 'SMB_QUANTUM', operation: 'other' });
  });

  it('reads the only NotfInfo child even when its name does not follow the ReqType rule', () => {
    const body = NFS_WR_BODY.replaceAll('NfsWrReq', 'NfsWriteReq');
    expect(screen(body)).toMatchObject({ reqType: 'NFS_WR', operation: 'write', path: '/data/run1/out.csv' });
  });

  it('treats an empty ClientIp or WinSid element as absent', () => {
    const body = SMB_OPEN_BODY.replace('<ClientIp>192.0.2.26</ClientIp>', '<ClientIp/>').replace(
      '<WinSid>S-1-5-21-…-1000</WinSid>',
      '<WinSid></WinSid>',
    );
    const m = screen(body);
    expect(m.clientIp).toBeUndefined();
    expect(m.user).toEqual({ uid: 0 });
  });

  it('names the NotfInfo child after the ReqType', () => {
    expect(['SMB_CREAT', 'SMB_OPEN', 'SMB_REN', 'NFS_WR', 'NFS_SETATTR'].map(notfInfoElementName)).toEqual([
      'SmbCreatReq',
      'SmbOpenReq',
      'SmbRenReq',
      'NfsWrReq',
      'NfsSetattrReq',
    ]);
  });

  it.each([
    ['a non-numeric ReqId', SMB_OPEN_BODY.replace('<ReqId>2822', '<ReqId>abc'), 'invalid-value'],
    ['a missing VolMsid', SMB_OPEN_BODY.replace('<VolMsid>2157674396</VolMsid>', ''), 'missing-element'],
    ['a missing AccessPath', SMB_OPEN_BODY.replace(/<AccessPath>.*<\/AccessPath>/, ''), 'missing-element'],
    ['a wrong root', SMB_OPEN_BODY.replaceAll('FscreenReq', 'Fscreen'), 'unexpected-root'],
    ['an element where a value belongs', SMB_OPEN_BODY.replace('<FileSize>4096', '<FileSize><x/>'), 'invalid-value'],
    [
      'two operation elements none of which matches',
      SMB_OPEN_BODY.replaceAll('SmbOpenReq', 'X').replace('</NotfInfo>', '<Y/></NotfInfo>'),
      'missing-element',
    ],
  ])('refuses a SCREEN_REQ with %s', (_what, body, reason) => {
    try {
      screen(body);
      expect.unreachable('decoding should fail');
    } catch (error) {
      expect(error).toBeInstanceOf(FpolicyFrameError);
      expect(error instanceof FpolicyFrameError && error.reason).toBe(reason);
    }
  });

  it('round-trips arbitrary SCREEN_REQ inputs (unicode and XML special characters in paths and ids)', () => {
    fc.assert(
      fc.property(screenRequestInput, (input) => {
        const m = decode(encodeScreenRequest(input));
        if (m.type !== 'SCREEN_REQ') throw new Error('not a SCREEN_REQ');
        expect(m.reqId).toBe(String(input.reqId));
        expect(m.reqType).toBe(input.reqType);
        expect(m.path).toBe(input.path);
        const win = input.winPath === undefined ? input.path.replaceAll('/', '\\') : input.winPath;
        expect(m.winPath).toBe(win === null ? undefined : win);
        expect(m.targetPath).toBe(input.targetPath);
        expect(m.volMsid).toBe(String(input.volMsid));
        expect(m.generationTimeMicros).toBe(input.generationTimeMicros);
        expect(m.generationTime.getTime()).toBe(Math.floor(input.generationTimeMicros / 1000));
        expect(m.clientIp).toBe(input.clientIp);
        expect(m.user).toEqual(input.user ?? {});
        expect(m.fileSize).toBe(input.fileSize);
        expect(m.fileType).toBe(input.fileType ?? 'UNKNOWN');
        expect(m.displayPath).toBe(input.displayPath);
        expect(m.protocolVersion).toEqual(input.protocolVersion);
        expect(m.details).toEqual(input.details ?? []);
      }),
      { numRuns: 200 },
    );
  });
});

describe('decodeMessage on damaged bodies', () => {
  it('throws nothing but resyncable FpolicyFrameError when capture bodies lose, repeat or swap pieces', () => {
    const bodies = [NEGO_REQ_BODY, SMB_OPEN_BODY, SMB_CREAT_BODY, SMB_REN_BODY, NFS_WR_BODY];
    const notfTypes = ['NEGO_REQ', 'SCREEN_REQ', 'SCREEN_RESP', 'NEGO_RESP', 'ALERT_MSG'];
    fc.assert(
      fc.property(
        fc.constantFrom(...bodies),
        fc.constantFrom(...notfTypes),
        fc.nat(),
        fc.nat(),
        fc.nat(2),
        (body, notfType, a, b, edit) => {
          const [from, to] = [a % body.length, b % body.length].sort((x, y) => x - y) as [number, number];
          const piece = body.slice(from, to);
          const damaged =
            edit === 0
              ? body.slice(0, from) + body.slice(to)
              : edit === 1
                ? body.slice(0, to) + piece + body.slice(to)
                : piece + body.slice(to, to + 1) + body;
          try {
            decode(ontapFrame(notfType, damaged));
          } catch (error) {
            expect(error).toBeInstanceOf(FpolicyFrameError);
            expect(error instanceof FpolicyFrameError && error.resyncable).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('SCREEN_RESP', () => {
  it('writes the documented layout and reads it back', () => {
    const bytes = encodeScreenResponse(screenResponseFor({ reqId: '2822', reqType: 'SMB_OPEN' }, 1));
    const body =
      '<?xml version="1.0"?><FscreenResp><ReqId>2822</ReqId><ReqType>SMB_OPEN</ReqType><NotfResp>1</NotfResp></FscreenResp>';
    expect(Buffer.from(bytes).equals(ontapFrame('SCREEN_RESP', body))).toBe(true);
    expect(decode(bytes)).toEqual({ type: 'SCREEN_RESP', reqId: '2822', reqType: 'SMB_OPEN', notfResp: 1 });
  });

  it('round-trips arbitrary ids and verdicts', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 19n }),
        fc.constantFrom('SMB_OPEN', 'NFS_WR', 'X_Y'),
        fc.nat(9),
        (id, reqType, verdict) => {
          const resp = { reqId: String(id), reqType, notfResp: verdict };
          expect(decode(encodeScreenResponse(resp))).toEqual({ type: 'SCREEN_RESP', ...resp });
        },
      ),
    );
  });
});

describe('other message types', () => {
  it('decodes KEEP_ALIVE', () => {
    expect(decode(encodeKeepAlive())).toEqual({ type: 'KEEP_ALIVE' });
  });

  it('round-trips ALERT_MSG text', () => {
    fc.assert(
      fc.property(xmlText(), (message) => {
        expect(decode(encodeAlertMessage(message))).toEqual({ type: 'ALERT_MSG', message });
      }),
    );
  });

  it('decodes STATUS_QUERY_REQ and SCREEN_CANCEL as known but unhandled, keeping the body tree', () => {
    fc.assert(
      fc.property(fc.constantFrom('STATUS_QUERY_REQ' as const, 'SCREEN_CANCEL' as const), xmlId, (type, id) => {
        const m = decode(encodeHousekeeping(type, element('Req', [element('ReqId', [id])])));
        expect(m.type).toBe(type);
        expect(m.type === type && 'body' in m ? m.body?.children : undefined).toEqual([
          { name: 'ReqId', attributes: {}, children: [id] },
        ]);
      }),
    );
    expect(decode(encodeHousekeeping('SCREEN_CANCEL'))).toEqual({ type: 'SCREEN_CANCEL' });
  });

  it('reports an unknown NotfType such as NOTI_REQ without parsing its body', () => {
    expect(decode(encodeFrame('NOTI_REQ', '<not xml'))).toEqual({
      type: 'UNKNOWN',
      notfType: 'NOTI_REQ',
      bodyBytes: 8,
    });
  });

  it('refuses a non-XML DataFormat unless experimental protobuf is requested', () => {
    const frame = decodeFrame(
      encodeFrame('SCREEN_REQ', Uint8Array.of(0x08, 0x96, 0x01), { dataFormat: 'PROTOBUF', trailingNul: false }),
    );
    expect(() => decodeMessage(frame)).toThrow(FpolicyFrameError);
    expect(decodeMessage(frame, { experimentalProtobuf: true })).toEqual({
      type: 'PROTOBUF',
      notfType: 'SCREEN_REQ',
      fields: [{ field: 1, wireType: 'varint', value: 150n }],
    });
  });

  it('refuses a body that is not UTF-8', () => {
    const frame = decodeFrame(encodeFrame('NEGO_REQ', Uint8Array.of(0x3c, 0x61, 0xff, 0x3e)));
    expect(() => decodeMessage(frame)).toThrow(FpolicyFrameError);
  });
});
