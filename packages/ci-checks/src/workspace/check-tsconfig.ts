import type { Finding } from '../findings';
import { isJsonObject } from '../json';

/** tsconfig `extends` names a package (`@fsxn/tsconfig/base.json`), never a path that breaks when the folder is copied out. */
export const checkTsconfigExtends = (tsconfig: unknown, subject: string): Finding[] => {
  if (!isJsonObject(tsconfig))
    return [{ rule: 'tsconfig', severity: 'error', subject, message: 'tsconfig.json is not an object' }];
  const raw = tsconfig.extends;
  const bases = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return bases
    .filter((base) => typeof base !== 'string' || base.startsWith('.') || base.startsWith('/'))
    .map((base) => ({
      rule: 'tsconfig',
      severity: 'error' as const,
      subject,
      path: 'extends',
      message: `extends ${JSON.stringify(base)}: use a package such as "@fsxn/tsconfig/base.json"`,
    }));
};
