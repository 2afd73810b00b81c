/**
 * Image samples built from their specifications: a baseline JPEG and an uncompressed TIFF, both uniform
 * grey (a blank scan). No image library is involved, so the bytes are exactly what the format says.
 */

const segment = (marker: number, payload: readonly number[]) => [
  0xff,
  marker,
  (payload.length + 2) >> 8,
  (payload.length + 2) & 0xff,
  ...payload,
];

/**
 * A baseline greyscale JPEG of mid grey (level-shifted value 0). Every 8×8 block has DC difference 0 and
 * no AC coefficients, so with one-code Huffman tables (DC category 0 → `0`, AC EOB → `0`) each block is
 * two zero bits.
 */
export const uniformJpeg = (width = 64, height = 48): Buffer => {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = blocks * 2;
  const data = new Array<number>(Math.ceil(bits / 8)).fill(0);
  // Pad the last byte with 1 bits, as the standard requires.
  const pad = data.length * 8 - bits;
  if (pad > 0) data[data.length - 1] = (1 << pad) - 1;
  const oneCodeTable = (tableClassAndId: number) => [tableClassAndId, 1, ...new Array<number>(15).fill(0), 0x00];
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...segment(0xc4, oneCodeTable(0x00)),
    ...segment(0xc4, oneCodeTable(0x10)),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...data,
    0xff,
    0xd9,
  ]);
};

/** An uncompressed 8-bit greyscale TIFF (little endian, one strip) filled with `grey`. */
export const uniformTiff = (width = 32, height = 24, grey = 200): Buffer => {
  const entries: [tag: number, type: number, value: number][] = [
    [256, 3, width],
    [257, 3, height],
    [258, 3, 8],
    [259, 3, 1],
    [262, 3, 1],
    [273, 4, 0], // strip offset, filled in below
    [277, 3, 1],
    [278, 3, height],
    [279, 4, width * height],
  ];
  const ifdOffset = 8;
  const dataOffset = ifdOffset + 2 + entries.length * 12 + 4;
  const out = Buffer.alloc(dataOffset + width * height, grey);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifdOffset, 4);
  out.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach(([tag, type, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(1, at + 4);
    out.writeUInt32LE(0, at + 8);
    const v = tag === 273 ? dataOffset : value;
    if (type === 3) out.writeUInt16LE(v, at + 8);
    else out.writeUInt32LE(v, at + 8);
  });
  out.writeUInt32LE(0, dataOffset - 4);
  return out;
};
