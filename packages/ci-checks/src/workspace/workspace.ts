import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CiCheckError } from '../errors';
import { isJsonObject } from '../json';
import type { Catalogs } from './export-plan';
import { type Manifest, parseManifest } from './manifest';

export interface WorkspacePackage {
  readonly dir: string;
  readonly manifest: Manifest;
}

export interface Workspace {
  readonly root: string;
  readonly packages: ReadonlyMap<string, WorkspacePackage>;
  readonly catalogs: Catalogs;
  readonly overrides: Readonly<Record<string, string>>;
}

const stringRecord = (value: unknown): Record<string, string> =>
  isJsonObject(value)
    ? Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])))
    : {};

export const readManifest = (dir: string): Manifest =>
  parseManifest(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')), dir);

/** Reads pnpm-workspace.yaml (package globs of the form `dir/*`), its catalogs and overrides. */
export const readWorkspace = (root: string): Workspace => {
  const file = join(root, 'pnpm-workspace.yaml');
  const config: unknown = parse(readFileSync(file, 'utf8'));
  if (!isJsonObject(config) || !Array.isArray(config.packages)) throw new CiCheckError(`${file} has no packages list`);
  const packages = new Map<string, WorkspacePackage>();
  for (const glob of config.packages) {
    if (typeof glob !== 'string' || !/^[\w.-]+\/\*$/.test(glob)) {
      throw new CiCheckError(`${file}: only "dir/*" package globs are supported, found ${String(glob)}`);
    }
    const parent = join(root, glob.slice(0, -2));
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const dir = join(parent, entry.name);
      if (!entry.isDirectory() || !existsSync(join(dir, 'package.json'))) continue;
      const manifest = readManifest(dir);
      packages.set(manifest.name, { dir, manifest });
    }
  }
  const named = isJsonObject(config.catalogs)
    ? Object.fromEntries(Object.entries(config.catalogs).map(([k, v]) => [k, stringRecord(v)]))
    : {};
  const catalogs: Catalogs = { ...named, default: { ...stringRecord(config.catalog), ...named.default } };
  return { root, packages, catalogs, overrides: stringRecord(config.overrides) };
};
