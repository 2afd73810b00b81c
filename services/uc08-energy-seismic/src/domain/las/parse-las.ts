import { WellLogParseError, WellLogUnsupportedError } from '../errors';
import type { CurveInfo, HeaderItem, WellLog } from './well-log';

type SectionKey = 'V' | 'W' | 'C' | 'P' | 'O' | 'A';

const SECTION_KEYS = new Set<string>(['V', 'W', 'C', 'P', 'O', 'A']);

/** More curves than this is not a well log this service can hold per file (memory and output size). */
export const MAX_CURVES = 512;

/** Splits `MNEM.UNIT  VALUE : DESCRIPTION`: the first dot ends the mnemonic, the unit runs to the first space, the last colon starts the description. */
export const parseHeaderLine = (line: string, lineNumber: number): HeaderItem => {
  const dot = line.indexOf('.');
  if (dot < 0) throw new WellLogParseError(`line ${lineNumber}: header line has no "." after the mnemonic`);
  const mnemonic = line.slice(0, dot).trim();
  if (mnemonic === '') throw new WellLogParseError(`line ${lineNumber}: header line has an empty mnemonic`);
  const afterDot = line.slice(dot + 1);
  const space = afterDot.search(/\s/);
  const unit = space < 0 ? afterDot : afterDot.slice(0, space);
  const rest = space < 0 ? '' : afterDot.slice(space);
  const colon = rest.lastIndexOf(':');
  if (colon < 0)
    throw new WellLogParseError(`line ${lineNumber}: header line ${mnemonic} has no ":" before its description`);
  return { mnemonic, unit: unit.trim(), value: rest.slice(0, colon).trim(), description: rest.slice(colon + 1).trim() };
};

const numberOrUndefined = (text: string | undefined): number | undefined => {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : undefined;
};

/** A LAS 2.0 number: optional sign, digits with optional fraction, optional exponent (also `1.` and `.5`). */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eEdD][+-]?\d+)?$/;

const parseValue = (token: string, lineNumber: number): number => {
  if (!NUMBER.test(token)) throw new WellLogParseError(`line ${lineNumber}: "${token.slice(0, 20)}" is not a number`);
  return Number(token.replace(/[dD]/, 'e'));
};

/**
 * LAS 2.0 (and 1.2, which has the same layout) well logs: ~V, ~W, ~C, ~P, ~O and ~A. WRAP YES is read too:
 * the data section is one stream of numbers taken one depth step (one value per curve) at a time.
 * LAS 3.0 is refused as unsupported.
 */
export const parseLas = (text: string): WellLog => {
  const sections = new Map<SectionKey, HeaderItem[]>();
  const dataTokens: { token: string; line: number }[] = [];
  const dataLineLengths: { line: number; count: number }[] = [];
  let current: SectionKey | undefined;
  let sawData = false;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNumber = i + 1;
    const raw = lines[i] ?? '';
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('~')) {
      const key = line.charAt(1).toUpperCase();
      if (!SECTION_KEYS.has(key))
        throw new WellLogParseError(`line ${lineNumber}: unknown section ${line.slice(0, 10)}`);
      if (sawData) throw new WellLogParseError(`line ${lineNumber}: section after ~A (the data section must be last)`);
      current = key as SectionKey;
      if (current === 'A') sawData = true;
      else if (sections.has(current))
        throw new WellLogParseError(`line ${lineNumber}: section ~${current} appears twice`);
      else sections.set(current, []);
      continue;
    }
    if (current === undefined) throw new WellLogParseError(`line ${lineNumber}: text before the first section`);
    if (current === 'A') {
      const tokens = line.split(/\s+/);
      dataLineLengths.push({ line: lineNumber, count: tokens.length });
      for (const token of tokens) dataTokens.push({ token, line: lineNumber });
      continue;
    }
    if (current === 'O') continue; // free text
    sections.get(current)?.push(parseHeaderLine(raw, lineNumber));
  }

  const version = sections.get('V');
  if (version === undefined) throw new WellLogParseError('no ~V (version) section');
  const find = (items: readonly HeaderItem[] | undefined, mnemonic: string) =>
    items?.find((item) => item.mnemonic.toUpperCase() === mnemonic);
  const vers = find(version, 'VERS')?.value;
  if (vers === undefined) throw new WellLogParseError('~V has no VERS line');
  const versionNumber = Number.parseFloat(vers);
  if (versionNumber >= 3) throw new WellLogUnsupportedError(`LAS ${vers} is not supported (LAS 1.2 and 2.0 are)`);
  if (!(versionNumber === 1.2 || versionNumber === 2))
    throw new WellLogParseError(`~V VERS ${vers} is not a LAS version`);
  const wrapText = (find(version, 'WRAP')?.value ?? '').toUpperCase();
  if (wrapText !== 'YES' && wrapText !== 'NO') throw new WellLogParseError('~V WRAP must be YES or NO');
  const wrapped = wrapText === 'YES';

  const curveItems = sections.get('C');
  if (curveItems === undefined || curveItems.length === 0)
    throw new WellLogParseError('no curves: ~C is missing or empty');
  if (curveItems.length > MAX_CURVES)
    throw new WellLogParseError(`${curveItems.length} curves exceed the limit of ${MAX_CURVES}`);
  if (!sawData) throw new WellLogParseError('no ~A (data) section');
  const curves: CurveInfo[] = curveItems.map((c) => ({
    mnemonic: c.mnemonic,
    unit: c.unit,
    description: c.description,
  }));
  const width = curves.length;

  if (!wrapped) {
    const bad = dataLineLengths.find((l) => l.count !== width);
    if (bad)
      throw new WellLogParseError(`line ${bad.line}: ${bad.count} values where ~C defines ${width} curves (WRAP NO)`);
  } else if (dataTokens.length % width !== 0) {
    throw new WellLogParseError(
      `~A holds ${dataTokens.length} values, not a multiple of the ${width} curves (WRAP YES)`,
    );
  }

  const well = sections.get('W') ?? [];
  const nullValue = numberOrUndefined(find(well, 'NULL')?.value);
  const rows = dataTokens.length / width;
  const columns = curves.map(() => new Float64Array(rows));
  const nullCounts = curves.map(() => 0);
  for (let t = 0; t < dataTokens.length; t++) {
    const entry = dataTokens[t];
    if (entry === undefined) continue;
    const value = parseValue(entry.token, entry.line);
    const curve = t % width;
    const column = columns[curve];
    if (column === undefined) continue;
    if (nullValue !== undefined && value === nullValue) {
      column[Math.floor(t / width)] = Number.NaN;
      nullCounts[curve] = (nullCounts[curve] ?? 0) + 1;
    } else {
      column[Math.floor(t / width)] = value;
    }
  }
  const strt = find(well, 'STRT');
  const wellName = find(well, 'WELL')?.value;
  const uwi = find(well, 'UWI')?.value;
  return {
    format: 'las',
    version: vers,
    wrapped,
    ...(wellName ? { wellName } : {}),
    ...(uwi ? { uwi } : {}),
    ...(nullValue === undefined ? {} : { nullValue }),
    declared: {
      ...optionalNumber('start', strt?.value),
      ...optionalNumber('stop', find(well, 'STOP')?.value),
      ...optionalNumber('step', find(well, 'STEP')?.value),
      ...(strt?.unit ? { indexUnit: strt.unit } : {}),
    },
    well,
    parameters: sections.get('P') ?? [],
    curves,
    columns,
    nullCounts,
  };
};

const optionalNumber = <K extends string>(key: K, text: string | undefined): Partial<Record<K, number>> => {
  const value = numberOrUndefined(text);
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, number>>);
};
