import { CiCheckError } from '../errors';
import { isJsonObject } from '../json';

/** The fields of a package.json the checks and the export read; everything else is carried over untouched. */
export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

export const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
] as const;
export type DependencyField = (typeof DEPENDENCY_FIELDS)[number];

export const parseManifest = (json: unknown, source: string): Manifest => {
  if (!isJsonObject(json) || typeof json.name !== 'string')
    throw new CiCheckError(`${source}: package.json has no name`);
  for (const field of DEPENDENCY_FIELDS) {
    const deps = json[field];
    if (deps !== undefined && (!isJsonObject(deps) || Object.values(deps).some((v) => typeof v !== 'string'))) {
      throw new CiCheckError(`${source}: ${field} must map names to version strings`);
    }
  }
  return { ...json, name: json.name, version: typeof json.version === 'string' ? json.version : '0.0.0' } as Manifest;
};
