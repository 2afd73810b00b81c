import { executionNameOf } from '@fsxn/pipeline';

/**
 * Where UC5 writes, relative to the output prefix. Nothing is written outside the prefix, and only
 * approved files ever reach `deidentified/`: unreviewed work stays under `staging/<execution>/`.
 */
export const stagingKey = (executionArn: string, key: string) => `staging/${executionNameOf(executionArn)}/${key}`;
export const releasedKey = (key: string) => `deidentified/${key}`;
export const summaryKeyOf = (dicomKey: string) => `${dicomKey}.deid.json`;
export const reportKey = (executionArn: string, at: Date) =>
  `reports/${at.toISOString().slice(0, 10).replaceAll('-', '/')}/${executionNameOf(executionArn)}.json`;
