import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CliError } from './io';

/** The services `fsxn demo` runs; one place so that adding a demo is one line. */
export const DEMO_SERVICES = [
  'uc05-healthcare-dicom',
  'uc01-legal-compliance',
  'uc02-financial-idp',
  'uc03-manufacturing-analytics',
  'uc04-media-vfx',
  'uc06-semiconductor-eda',
  'uc07-genomics-pipeline',
  'uc08-energy-seismic',
  'flexclone-pipeline',
  'fc1-flexcache-anycast-dr',
  'fc2-dynamic-flexcache-render',
] as const;

/** Nearest ancestor with pnpm-workspace.yaml, else the nearest one with serverless.yml (an exported service). */
export const findRepoRoot = (start = process.cwd()): string | undefined => {
  let serviceRoot: string | undefined;
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (!serviceRoot && existsSync(join(dir, 'serverless.yml'))) serviceRoot = dir;
    if (dirname(dir) === dir) return serviceRoot;
  }
};

/** Where `.fsxn/` (stack.json, logs, demo volume) lives: the repo root, else the current directory. */
export const stateRoot = (cwd = process.cwd()): string => findRepoRoot(cwd) ?? resolve(cwd);

/** `services/<name>` of the repo; an exported single service is its own root. */
export const resolveServiceDir = (name: string, cwd = process.cwd()): string => {
  const root = findRepoRoot(cwd);
  if (!root)
    throw new CliError(`No pnpm-workspace.yaml or serverless.yml above ${cwd}: run fsxn inside the repository`);
  if (!existsSync(join(root, 'pnpm-workspace.yaml')) && existsSync(join(root, 'serverless.yml'))) {
    return root;
  }
  const dir = join(root, 'services', name);
  if (!existsSync(dir)) throw new CliError(`Service folder services/${name} is not present in ${root}`);
  if (!existsSync(join(dir, 'serverless.yml'))) throw new CliError(`services/${name} has no serverless.yml yet`);
  if (!existsSync(join(dir, 'local.ts')))
    throw new CliError(`services/${name} has no local.ts (how to run it locally) yet`);
  return dir;
};
