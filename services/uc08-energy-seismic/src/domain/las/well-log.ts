/** One header line of a LAS section: `MNEM.UNIT  VALUE : DESCRIPTION`. */
export interface HeaderItem {
  readonly mnemonic: string;
  readonly unit: string;
  readonly value: string;
  readonly description: string;
}

export interface CurveInfo {
  readonly mnemonic: string;
  readonly unit: string;
  readonly description: string;
}

/**
 * A well log read from LAS 2.0 or CSV: curves in file order (the first is the index, usually depth) and
 * their values column by column. Null values are already `NaN` here, so nothing downstream can count them.
 */
export interface WellLog {
  readonly format: 'las' | 'csv';
  readonly version?: string;
  readonly wrapped: boolean;
  readonly wellName?: string;
  readonly uwi?: string;
  readonly nullValue?: number;
  /** ~W STRT / STOP / STEP as declared (STEP 0 = irregular sampling). */
  readonly declared: {
    readonly start?: number;
    readonly stop?: number;
    readonly step?: number;
    readonly indexUnit?: string;
  };
  readonly well: readonly HeaderItem[];
  readonly parameters: readonly HeaderItem[];
  readonly curves: readonly CurveInfo[];
  /** One column per curve, same length for all. */
  readonly columns: readonly Float64Array[];
  /** Values equal to the NULL value, per curve (they are NaN in `columns`). */
  readonly nullCounts: readonly number[];
}
