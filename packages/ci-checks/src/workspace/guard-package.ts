import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../findings';
import { checkOfflineVariables, checkServerlessConfig } from '../serverless/check-serverless-config';
import { parseServerlessYaml } from '../serverless/parse-serverless-yaml';
import { checkRuntimeImports, type SourceFile } from './check-imports';
import { checkTsconfigExtends } from './check-tsconfig';
import { readManifest } from './workspace';

const SKIPPED_DIRS = new Set(['node_modules', '.serverless', 'dist', 'coverage', '.tmp']);

const walk = (dir: string, rel: string, keep: (name: string) => boolean): string[] =>
  existsSync(join(dir, rel))
    ? readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
        if (SKIPPED_DIRS.has(e.name)) return [];
        const path = rel ? `${rel}/${e.name}` : e.name;
        return e.isDirectory() ? walk(dir, path, keep) : keep(e.name) ? [path] : [];
      })
    : [];

/** `src/**\/*.ts` of a package folder (declaration files excluded: they carry no runtime imports). */
export const readSourceFiles = (dir: string): SourceFile[] =>
  walk(dir, 'src', (name) => name.endsWith('.ts') && !name.endsWith('.d.ts')).map((path) => ({
    path,
    text: readFileSync(join(dir, path), 'utf8'),
  }));

/** Direct subfolders of `parent` that have a package.json, sorted. */
export const packageDirs = (parent: string): string[] =>
  existsSync(parent)
    ? readdirSync(parent, { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(join(parent, e.name, 'package.json')))
        .map((e) => e.name)
        .sort()
    : [];

/** Dependencies declared for every runtime import, tsconfig extends by package name. */
export const guardPackage = (dir: string, subject: string): Finding[] => {
  const findings = checkRuntimeImports(readManifest(dir), readSourceFiles(dir), subject);
  const tsconfig = join(dir, 'tsconfig.json');
  if (existsSync(tsconfig)) findings.push(...checkTsconfigExtends(JSON.parse(readFileSync(tsconfig, 'utf8')), subject));
  return findings;
};

/** serverless.yml hygiene, and no variable in any YAML file of the service that needs AWS credentials. */
export const guardServerlessService = (dir: string, subject: string): Finding[] => {
  const file = join(dir, 'serverless.yml');
  const findings = checkServerlessConfig(parseServerlessYaml(readFileSync(file, 'utf8'), file), subject);
  for (const path of walk(dir, '', (name) => /\.ya?ml$/.test(name))) {
    findings.push(...checkOfflineVariables(readFileSync(join(dir, path), 'utf8'), `${subject}/${path}`));
  }
  return findings;
};
