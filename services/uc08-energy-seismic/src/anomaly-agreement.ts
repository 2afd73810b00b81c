import type { SqlRow } from '@fsxn/analytics';

export interface AnomalyKey {
  readonly fileKey: string;
  readonly curve: string;
  readonly depth: number;
}

export interface AnomalyAgreement {
  readonly matched: number;
  /** Flagged by the SQL rule over the readings but not by the domain. */
  readonly sqlOnly: readonly AnomalyKey[];
  /** Flagged by the domain but not by the SQL rule. */
  readonly domainOnly: readonly AnomalyKey[];
  /** matched / (matched + disagreements); 1 when both found nothing. */
  readonly ratio: number;
}

const keyOf = (row: SqlRow): AnomalyKey | undefined => {
  const { file_key: fileKey, curve, depth } = row;
  if (typeof fileKey !== 'string' || typeof curve !== 'string' || typeof depth !== 'number') return undefined;
  return { fileKey, curve, depth };
};

const id = (k: AnomalyKey) => JSON.stringify([k.fileKey, k.curve, k.depth]);

/** Compares the anomalies the domain stored with the ones the SQL rule finds, by (file, curve, depth). */
export const compareAnomalies = (domainRows: readonly SqlRow[], sqlRows: readonly SqlRow[]): AnomalyAgreement => {
  const domain = new Map(
    domainRows.flatMap((r) => {
      const k = keyOf(r);
      return k ? [[id(k), k] as const] : [];
    }),
  );
  const sql = new Map(
    sqlRows.flatMap((r) => {
      const k = keyOf(r);
      return k ? [[id(k), k] as const] : [];
    }),
  );
  const sqlOnly = [...sql].filter(([k]) => !domain.has(k)).map(([, v]) => v);
  const domainOnly = [...domain].filter(([k]) => !sql.has(k)).map(([, v]) => v);
  const matched = [...sql.keys()].filter((k) => domain.has(k)).length;
  const total = matched + sqlOnly.length + domainOnly.length;
  return { matched, sqlOnly, domainOnly, ratio: total === 0 ? 1 : matched / total };
};
