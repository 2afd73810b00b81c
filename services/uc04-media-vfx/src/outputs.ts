import { executionNameOf } from '@fsxn/pipeline';

const datePath = (at: Date) => at.toISOString().slice(0, 10).replaceAll('-', '/');

/** Where UC4 writes, relative to the output prefix; render outputs themselves are never modified. */
export const sequencesKey = (executionArn: string, at: Date) =>
  `sequences/${datePath(at)}/${executionNameOf(executionArn)}.json`;
export const reportKey = (executionArn: string, at: Date) =>
  `reports/${datePath(at)}/${executionNameOf(executionArn)}.json`;
