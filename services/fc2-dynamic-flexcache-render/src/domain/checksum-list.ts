import { InvalidJobError } from './errors';

/** The checksum list a render job may ship beside its files, in `sha256sum` output format. */
export const CHECKSUM_LIST_NAME = 'SHA256SUMS';

export interface ChecksumList {
  /** Path relative to the list's directory → lowercase hex SHA-256. */
  readonly entries: ReadonlyMap<string, string>;
}

const LINE = /^(\\?)([0-9A-Fa-f]{64}) ([ *])(.+)$/;

/** GNU coreutils escapes `\` and newline in names and marks such lines with a leading `\`. */
const unescapeName = (name: string, line: number): string => {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = name[++i];
    if (next === '\\') out += '\\';
    else if (next === 'n') out += '\n';
    else throw new InvalidJobError(`${CHECKSUM_LIST_NAME} line ${line}: bad escape in file name`);
  }
  return out;
};

/**
 * Parses `sha256sum` output (`<64 hex><space><space or *><name>`, one per line; `\`-prefixed lines carry
 * escaped names). Blank lines are ignored; anything else, or a name listed twice with different sums, is
 * an InvalidJobError naming the line. Names starting with `./` are taken relative to the list's directory.
 */
export const parseChecksumList = (text: string): ChecksumList => {
  const entries = new Map<string, string>();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const match = LINE.exec(line);
    if (match === null) throw new InvalidJobError(`${CHECKSUM_LIST_NAME} line ${lineNo}: not "<sha256>  <file>"`);
    const [, escaped, hex = '', , rawName = ''] = match;
    const name = (escaped === '\\' ? unescapeName(rawName, lineNo) : rawName).replace(/^\.\//, '');
    const sum = hex.toLowerCase();
    const seen = entries.get(name);
    if (seen !== undefined && seen !== sum) {
      throw new InvalidJobError(`${CHECKSUM_LIST_NAME} line ${lineNo}: "${name}" listed twice with different sums`);
    }
    entries.set(name, sum);
  });
  return { entries };
};

/** Writes a list in `sha256sum` format (the inverse of parseChecksumList; used by the sample generator). */
export const formatChecksumList = (entries: Iterable<readonly [string, string]>): string => {
  let out = '';
  for (const [name, sum] of entries) {
    const needsEscape = name.includes('\\') || name.includes('\n');
    const escaped = name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
    out += `${needsEscape ? '\\' : ''}${sum.toLowerCase()}  ${escaped}\n`;
  }
  return out;
};
