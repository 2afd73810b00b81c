/** Generated well logs: smooth synthetic curves (no value near 3σ), NULL gaps, and one injected spike. */
export interface WellLogSpec {
  readonly wellName: string;
  readonly uwi: string;
  readonly start: number;
  readonly step: number;
  readonly rows: number;
  /** Rows whose RHOB is NULL (-999.25). */
  readonly nullRows?: readonly number[];
  /** Row whose GR gets this value (an anomaly). */
  readonly spike?: { readonly row: number; readonly value: number };
  readonly wrap?: boolean;
}

const CURVES = [
  { mnemonic: 'DEPT', unit: 'M', description: '1  DEPTH' },
  { mnemonic: 'GR', unit: 'GAPI', description: '2  GAMMA RAY' },
  { mnemonic: 'RHOB', unit: 'G/C3', description: '3  BULK DENSITY' },
  { mnemonic: 'NPHI', unit: 'V/V', description: '4  NEUTRON POROSITY' },
] as const;

export const NULL_VALUE = -999.25;

/** Row values (depth first) with NULLs and the spike applied. */
export const wellLogRows = (spec: WellLogSpec): number[][] =>
  Array.from({ length: spec.rows }, (_, r) => {
    const depth = spec.start + r * spec.step;
    const gr = spec.spike?.row === r ? spec.spike.value : 75 + 20 * Math.sin(r / 9);
    const rhob = spec.nullRows?.includes(r) ? NULL_VALUE : 2.45 + 0.1 * Math.cos(r / 13);
    const nphi = 0.22 + 0.05 * Math.sin(r / 17 + 1);
    return [depth, gr, rhob, nphi].map((v) => Math.round(v * 10000) / 10000);
  });

const fmt = (v: number) => v.toFixed(4).padStart(11);

export const writeLas = (spec: WellLogSpec): string => {
  const rows = wellLogRows(spec);
  const stop = spec.start + (spec.rows - 1) * spec.step;
  const lines = [
    '~VERSION INFORMATION',
    ' VERS.                          2.0 : CWLS LOG ASCII STANDARD - VERSION 2.0',
    ` WRAP.                          ${spec.wrap ? 'YES' : 'NO '} : ${spec.wrap ? 'MULTIPLE LINES PER DEPTH STEP' : 'ONE LINE PER DEPTH STEP'}`,
    '~WELL INFORMATION',
    '#MNEM.UNIT              DATA                       DESCRIPTION',
    `STRT.M            ${spec.start.toFixed(4)} : START DEPTH`,
    `STOP.M            ${stop.toFixed(4)} : STOP DEPTH`,
    `STEP.M            ${spec.step.toFixed(4)} : STEP`,
    `NULL.             ${NULL_VALUE} : NULL VALUE`,
    'COMP.             ACME ENERGY : COMPANY',
    `WELL.             ${spec.wellName} : WELL`,
    'FLD .             NORTH FIELD : FIELD',
    'LOC .             12-34-56-78W5 : LOCATION',
    'DATE.             2026-01-15 : LOG DATE',
    `UWI .             ${spec.uwi} : UNIQUE WELL ID`,
    '~CURVE INFORMATION',
    ...CURVES.map((c) => `${c.mnemonic.padEnd(4)}.${c.unit.padEnd(8)}                : ${c.description}`),
    '~PARAMETER INFORMATION',
    'BHT .DEGC              35.5000 : BOTTOM HOLE TEMPERATURE',
    'MDEN.G/C3               2.7100 : MATRIX DENSITY',
    '~OTHER',
    'Generated for the UC8 pipeline tests.',
    `~A  ${CURVES.map((c) => c.mnemonic).join('        ')}`,
  ];
  for (const row of rows) {
    if (spec.wrap) {
      lines.push(fmt(row[0] ?? 0));
      lines.push(row.slice(1).map(fmt).join(' '));
    } else lines.push(row.map(fmt).join(' '));
  }
  return `${lines.join('\n')}\n`;
};

export const writeCsvLog = (spec: WellLogSpec): string => {
  const header = CURVES.map((c) => `${c.mnemonic} (${c.unit})`).join(',');
  const rows = wellLogRows(spec).map((row) => row.map((v) => String(v)).join(','));
  return `${header}\n${rows.join('\n')}\n`;
};

/** A LAS file that breaks the format: a data row with a missing value under WRAP NO. */
export const malformedLas = (): string => {
  const good = writeLas({ wellName: 'BROKEN 1', uwi: '100000000000W500', start: 100, step: 1, rows: 5 })
    .trimEnd()
    .split('\n');
  const last = good.pop() ?? '';
  good.push(last.trim().split(/\s+/).slice(0, 3).join(' '));
  return `${good.join('\n')}\n`;
};
