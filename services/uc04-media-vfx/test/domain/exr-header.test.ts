import { describe, expect, it } from 'vitest';
import { attributeList, box2i, chlist, headerAttributes } from '../../samples/exr';
import { chunkCountOf, MediaParseError, NeedMoreBytesError, parseExrHeader } from '../../src/domain';

const le32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};
const file = (version: number, ...headers: Uint8Array[]) =>
  Buffer.concat([new Uint8Array([0x76, 0x2f, 0x31, 0x01]), le32(version), ...headers]);

// Header only (no pixels): a 1920x1080 image's header, built by the sample writer's attribute encoder.
const rgbSpec = {
  width: 1920,
  height: 1080,
  x0: -8,
  y0: 4,
  displayWindow: { xMin: 0, yMin: 0, xMax: 1919, yMax: 1079 },
  channels: [
    { name: 'R', pixelType: 'HALF' },
    { name: 'G', pixelType: 'HALF' },
    { name: 'B', pixelType: 'FLOAT' },
    { name: 'id', pixelType: 'UINT' },
  ],
  compression: 'ZIP',
  lineOrder: 1,
  pixelAspectRatio: 2,
  pixel: () => 0,
} as const;
const rgb = file(2, attributeList(headerAttributes({ ...rgbSpec, channels: [...rgbSpec.channels] })));

describe('parseExrHeader', () => {
  it('reads channels, compression, windows, line order and aspect ratio of a scanline file', () => {
    const header = parseExrHeader(rgb);
    expect(header.version).toBe(2);
    expect(header.flags).toEqual({ tiled: false, longNames: false, deep: false, multipart: false });
    const [part] = header.parts;
    expect(part?.channels.map((c) => [c.name, c.pixelType, c.xSampling, c.ySampling])).toEqual([
      ['B', 'FLOAT', 1, 1],
      ['G', 'HALF', 1, 1],
      ['R', 'HALF', 1, 1],
      ['id', 'UINT', 1, 1],
    ]);
    expect(part?.compression).toBe('ZIP');
    expect(part?.dataWindow).toEqual({ xMin: -8, yMin: 4, xMax: 1911, yMax: 1083 });
    expect(part?.displayWindow).toEqual({ xMin: 0, yMin: 0, xMax: 1919, yMax: 1079 });
    expect(part?.lineOrder).toBe('DECREASING_Y');
    expect(part?.pixelAspectRatio).toBe(2);
    expect(part?.attributes.map((a) => a.name)).toContain('screenWindowWidth');
    // 1080 lines in blocks of 16 for ZIP: 68 chunks (67 full + one of 8 lines).
    expect(part && chunkCountOf(part, header.flags)).toBe(68);
  });

  it('says how many bytes it needs when the prefix ends inside the header', () => {
    const error = (() => {
      try {
        parseExrHeader(rgb.subarray(0, 60));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(NeedMoreBytesError);
    expect((error as NeedMoreBytesError).needed).toBeGreaterThan(60);
  });

  it('refuses a wrong magic, an unknown version or unknown flags', () => {
    expect(() => parseExrHeader(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))).toThrow(/not OpenEXR/);
    expect(() => parseExrHeader(file(1, new Uint8Array([0])))).toThrow(/version 1/);
    expect(() => parseExrHeader(file(2 | 0x4000, new Uint8Array([0])))).toThrow(/unknown version flags 0x4000/);
  });

  it('refuses a header without a required attribute, with a wrong type, or with an impossible size', () => {
    const attrs = headerAttributes({
      width: 4,
      height: 4,
      channels: [{ name: 'Y', pixelType: 'HALF' }],
      compression: 'NONE',
      pixel: () => 0,
    });
    const without = attrs.filter((a) => a.name !== 'dataWindow');
    expect(() => parseExrHeader(file(2, attributeList(without)))).toThrow(MediaParseError);
    expect(() => parseExrHeader(file(2, attributeList(without)))).toThrow(/dataWindow/);
    const wrongType = attrs.map((a) => (a.name === 'compression' ? { ...a, type: 'int' } : a));
    expect(() => parseExrHeader(file(2, attributeList(wrongType)))).toThrow(/type int, expected compression/);
    const badCompression = attrs.map((a) => (a.name === 'compression' ? { ...a, value: new Uint8Array([10]) } : a));
    expect(() => parseExrHeader(file(2, attributeList(badCompression)))).toThrow(/unknown compression 10/);
    const hugeSize = Buffer.concat([Buffer.from('x\0float\0'), le32(0x7fffffff)]);
    expect(() => parseExrHeader(file(2, hugeSize))).toThrow(/impossible size/);
    const inverted = attrs.map((a) =>
      a.name === 'dataWindow' ? { ...a, value: box2i({ xMin: 5, yMin: 0, xMax: 4, yMax: 3 }) } : a,
    );
    expect(() => parseExrHeader(file(2, attributeList(inverted)))).toThrow(/dataWindow is empty/);
  });

  it('names every compression by its code', () => {
    const names = ['NONE', 'RLE', 'ZIPS', 'ZIP', 'PIZ', 'PXR24', 'B44', 'B44A', 'DWAA', 'DWAB'];
    const attrs = headerAttributes({
      width: 4,
      height: 64,
      channels: [{ name: 'Y', pixelType: 'HALF' }],
      compression: 'NONE',
      pixel: () => 0,
    });
    const lines = [1, 1, 1, 16, 32, 16, 32, 32, 32, 256];
    names.forEach((name, code) => {
      const bytes = file(
        2,
        attributeList(attrs.map((a) => (a.name === 'compression' ? { ...a, value: new Uint8Array([code]) } : a))),
      );
      const header = parseExrHeader(bytes);
      const part = header.parts[0];
      expect(part?.compression).toBe(name);
      expect(part && chunkCountOf(part, header.flags)).toBe(Math.ceil(64 / (lines[code] ?? 1)));
    });
  });

  it('reads every header of a multi-part file and a tiled part with its tile description', () => {
    const base = headerAttributes({
      width: 100,
      height: 50,
      channels: [{ name: 'R', pixelType: 'FLOAT' }],
      compression: 'NONE',
      pixel: () => 0,
    }).map((a) => (a.name === 'compression' ? { ...a, value: new Uint8Array([4]) } : a)); // PIZ
    const str = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
    const tiles = new Uint8Array(9);
    new DataView(tiles.buffer).setUint32(0, 32, true);
    new DataView(tiles.buffer).setUint32(4, 16, true);
    tiles[8] = 0;
    const partA = attributeList([
      ...base,
      { name: 'name', type: 'string', value: str('beauty') },
      { name: 'type', type: 'string', value: str('scanlineimage') },
      { name: 'chunkCount', type: 'int', value: le32(2) },
    ]);
    const partB = attributeList([
      ...base,
      { name: 'name', type: 'string', value: str('depth') },
      { name: 'type', type: 'string', value: str('tiledimage') },
      { name: 'tiles', type: 'tiledesc', value: tiles },
      { name: 'chunkCount', type: 'int', value: le32(16) },
    ]);
    const bytes = file(2 | 0x1000, partA, partB, new Uint8Array([0]));
    const header = parseExrHeader(bytes);
    expect(header.flags.multipart).toBe(true);
    expect(header.parts.map((p) => [p.name, p.type, p.chunkCount])).toEqual([
      ['beauty', 'scanlineimage', 2],
      ['depth', 'tiledimage', 16],
    ]);
    expect(header.parts[1]?.tiles).toEqual({
      xSize: 32,
      ySize: 16,
      levelMode: 'ONE_LEVEL',
      roundingMode: 'ROUND_DOWN',
    });
    expect(header.headerEnd).toBe(bytes.length);
    // Without chunkCount, a one-level tiled part has ceil(100/32) * ceil(50/16) = 4 * 4 tiles.
    const single = parseExrHeader(
      file(2 | 0x200, attributeList([...base, { name: 'tiles', type: 'tiledesc', value: tiles }])),
    );
    expect(single.parts[0] && chunkCountOf(single.parts[0], single.flags)).toBe(16);
  });

  it('refuses a channel list that is empty or lists a channel twice', () => {
    const attrs = headerAttributes({
      width: 4,
      height: 4,
      channels: [{ name: 'Y', pixelType: 'HALF' }],
      compression: 'NONE',
      pixel: () => 0,
    });
    const withChannels = (value: Uint8Array) => attrs.map((a) => (a.name === 'channels' ? { ...a, value } : a));
    expect(() => parseExrHeader(file(2, attributeList(withChannels(new Uint8Array([0])))))).toThrow(
      /channel list is empty/,
    );
    const twice = chlist([
      { name: 'Y', pixelType: 'HALF' },
      { name: 'Y', pixelType: 'HALF' },
    ]);
    expect(() => parseExrHeader(file(2, attributeList(withChannels(twice))))).toThrow(/listed twice/);
  });
});
