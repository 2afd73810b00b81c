import { executionNameOf } from '@fsxn/pipeline';

/**
 * Where UC2 writes, relative to the output prefix. Summaries are staged under `staging/<execution>/` and
 * reach `summaries/…` only when released (directly when confident, after approval otherwise).
 */
export const stagingKey = (executionArn: string, summaryKey: string) =>
  `staging/${executionNameOf(executionArn)}/${summaryKey}`;
export const reportKey = (executionArn: string, at: Date) =>
  `reports/${at.toISOString().slice(0, 10).replaceAll('-', '/')}/${executionNameOf(executionArn)}.json`;
