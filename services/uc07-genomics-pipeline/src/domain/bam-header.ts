import { BamFormatError } from './errors';

export interface BamReference {
  name: string;
  length: number;
}

export interface SamHeaderText {
  version: string | null;
  sortOrder: string | null;
  sequences: BamReference[];
  readGroups: { id: string; sample: string | null; platform: string | null; library: string | null }[];
  programs: string[];
}

export interface BamHeader {
  text: SamHeaderText;
  references: BamReference[];
  /** Bytes of decompressed BAM the header takes (magic through the last reference). */
  headerBytes: number;
}

export type BamHeaderParse = { kind: 'complete'; header: BamHeader } | { kind: 'incomplete'; needBytes: number };

const MAGIC = [0x42, 0x41, 0x4d, 0x01]; // "BAM\1"
/** Longest reference name the BAM spec allows (l_name includes the NUL). */
const MAX_NAME = 256 * 1024;

const fields = (line: string) => {
  const map = new Map<string, string>();
  for (const field of line.split('\t').slice(1)) {
    const colon = field.indexOf(':');
    if (colon === 2) map.set(field.slice(0, 2), field.slice(3));
  }
  return map;
};

/** The SAM header text: @HD version and sort order, @SQ names/lengths, @RG ids/samples, @PG ids. */
export const parseSamHeaderText = (text: string): SamHeaderText => {
  const result: SamHeaderText = { version: null, sortOrder: null, sequences: [], readGroups: [], programs: [] };
  for (const line of text.split('\n')) {
    const tag = line.slice(0, 3);
    const f = fields(line.replace(/\r$/, ''));
    if (tag === '@HD') {
      result.version = f.get('VN') ?? null;
      result.sortOrder = f.get('SO') ?? null;
    } else if (tag === '@SQ') {
      const name = f.get('SN');
      const length = Number(f.get('LN'));
      if (name === undefined || !Number.isSafeInteger(length)) {
        throw new BamFormatError(`@SQ line without a valid SN/LN: ${JSON.stringify(line.slice(0, 80))}`);
      }
      result.sequences.push({ name, length });
    } else if (tag === '@RG') {
      const id = f.get('ID');
      if (id === undefined) throw new BamFormatError('@RG line without ID');
      result.readGroups.push({
        id,
        sample: f.get('SM') ?? null,
        platform: f.get('PL') ?? null,
        library: f.get('LB') ?? null,
      });
    } else if (tag === '@PG') {
      const id = f.get('ID');
      if (id !== undefined) result.programs.push(id);
    }
  }
  return result;
};

/**
 * Parses the BAM header from the start of the decompressed stream: magic `BAM\1`, l_text, the SAM
 * header text, n_ref and the binary reference list. Returns how many bytes are needed when `bytes`
 * ends early, so the caller can inflate more BGZF blocks (bounded by its own limit).
 */
export const parseBamHeader = (bytes: Uint8Array): BamHeaderParse => {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8) return { kind: 'incomplete', needBytes: 8 };
  if (MAGIC.some((b, i) => buf[i] !== b)) throw new BamFormatError('not BAM: magic "BAM\\1" missing');
  const lText = buf.readInt32LE(4);
  if (lText < 0) throw new BamFormatError(`negative l_text ${lText}`);
  let p = 8 + lText;
  if (buf.length < p + 4) return { kind: 'incomplete', needBytes: p + 4 };
  // The text may be NUL-padded; SAM text ends at the first NUL.
  const rawText = buf.toString('utf8', 8, p);
  const nul = rawText.indexOf('\0');
  const text = parseSamHeaderText(nul === -1 ? rawText : rawText.slice(0, nul));
  const nRef = buf.readInt32LE(p);
  if (nRef < 0) throw new BamFormatError(`negative n_ref ${nRef}`);
  p += 4;
  const references: BamReference[] = [];
  for (let i = 0; i < nRef; i += 1) {
    if (buf.length < p + 4) return { kind: 'incomplete', needBytes: p + 4 };
    const lName = buf.readInt32LE(p);
    if (lName < 1 || lName > MAX_NAME) throw new BamFormatError(`reference ${i + 1}: l_name ${lName} is invalid`);
    if (buf.length < p + 4 + lName + 4) return { kind: 'incomplete', needBytes: p + 4 + lName + 4 };
    if (buf[p + 4 + lName - 1] !== 0) throw new BamFormatError(`reference ${i + 1}: name is not NUL-terminated`);
    const name = buf.toString('latin1', p + 4, p + 4 + lName - 1);
    const length = buf.readInt32LE(p + 4 + lName);
    if (length < 0) throw new BamFormatError(`reference ${name}: negative length ${length}`);
    references.push({ name, length });
    p += 4 + lName + 4;
  }
  return { kind: 'complete', header: { text, references, headerBytes: p } };
};

/**
 * Where the text's @SQ lines and the binary reference list disagree (the spec requires them to match
 * when the text has @SQ lines); empty when they agree or the text has none.
 */
export const referenceMismatches = (header: BamHeader): string[] => {
  const { sequences } = header.text;
  if (sequences.length === 0) return [];
  const problems: string[] = [];
  if (sequences.length !== header.references.length) {
    problems.push(`${sequences.length} @SQ lines but ${header.references.length} binary references`);
  }
  const n = Math.min(sequences.length, header.references.length);
  for (let i = 0; i < n; i += 1) {
    const text = sequences[i];
    const bin = header.references[i];
    if (!text || !bin) continue;
    if (text.name !== bin.name || text.length !== bin.length) {
      problems.push(`reference ${i + 1}: @SQ ${text.name}:${text.length} vs binary ${bin.name}:${bin.length}`);
    }
  }
  return problems;
};
