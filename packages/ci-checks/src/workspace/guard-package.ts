import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Finding } from '../findings';
import { checkReviewGate } from '../serverless/check-review-gate';
import { checkOfflineVariables, checkServerlessConfig } from '../serverless/check-serverless-config';
import { checkTriggerModes } from '../serverless/check-trigger-modes';
import { parseServerlessYaml } from '../serverless/parse-serverless-yaml';
import { type StateMachineEntry, stateMachinesOf } from '../serverless/state-machines';
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

/** A service's parsed serverless.yml and its state machines, `${file(...)}` definitions read from the folder. */
export const readServerlessService = (dir: string): { config: unknown; machines: StateMachineEntry[] } => {
  const file = join(dir, 'serverless.yml');
  const config = parseServerlessYaml(readFileSync(file, 'utf8'), file);
  const readYaml = (path: string) => {
    const full = resolve(dir, path);
    return existsSync(full) ? parseServerlessYaml(readFileSync(full, 'utf8'), full) : undefined;
  };
  return { config, machines: stateMachinesOf(config, readYaml) };
};

/** The three trigger modes from one stage parameter (services with a Discover step; none for the others). */
export const guardTriggerModes = (dir: string, subject: string): Finding[] => {
  const { config, machines } = readServerlessService(dir);
  return checkTriggerModes(config, machines, subject);
};

/** The human review gate of a high-risk use case: a `.waitForTaskToken` task and the review API function. */
export const guardReviewGate = (dir: string, subject: string): Finding[] => {
  const { config, machines } = readServerlessService(dir);
  return checkReviewGate(config, machines, subject);
};
