import { CiCheckError } from '../errors';
import { DEPENDENCY_FIELDS, type DependencyField, type Manifest } from './manifest';

/** Version catalogs from pnpm-workspace.yaml: `default` holds the top-level `catalog:`. */
export type Catalogs = Readonly<Record<string, Readonly<Record<string, string>>>>;

const isWorkspaceSpec = (spec: string): boolean => spec.startsWith('workspace:');

/** Dependency fields npm installs for a package that is itself a dependency (dev dependencies are not). */
const INSTALLED_FOR_DEPENDENTS: readonly DependencyField[] = [
  'dependencies',
  'optionalDependencies',
  'peerDependencies',
];

const workspaceDepsOf = (manifest: Manifest, fields: readonly DependencyField[]): string[] =>
  fields.flatMap((field) =>
    Object.entries(manifest[field] ?? {})
      .filter(([, spec]) => isWorkspaceSpec(spec))
      .map(([name]) => name),
  );

/**
 * The workspace packages a standalone copy of `root` needs: its own workspace dependencies of every kind,
 * then what npm installs for each of those (not their dev dependencies), in a stable order.
 */
export const workspaceClosure = (root: Manifest, workspace: ReadonlyMap<string, Manifest>): string[] => {
  const seen = new Set<string>();
  const visit = (name: string, from: string): void => {
    if (seen.has(name)) return;
    const manifest = workspace.get(name);
    if (!manifest)
      throw new CiCheckError(`${from} depends on ${name} through workspace:, but no workspace package has that name`);
    seen.add(name);
    for (const dep of workspaceDepsOf(manifest, INSTALLED_FOR_DEPENDENTS)) visit(dep, name);
  };
  for (const dep of workspaceDepsOf(root, DEPENDENCY_FIELDS)) visit(dep, root.name);
  return [...seen].sort();
};

/** `catalog:` / `catalog:name` to the exact version the catalog pins. */
export const resolveCatalogSpec = (name: string, spec: string, catalogs: Catalogs): string => {
  const catalogName = spec.slice('catalog:'.length) || 'default';
  const version = catalogs[catalogName]?.[name];
  if (version === undefined) throw new CiCheckError(`${name}: ${spec} has no entry in catalog "${catalogName}"`);
  return version;
};

export interface StandaloneManifestInput {
  readonly manifest: Manifest;
  /** Where each vendored workspace package's tarball sits, relative to the exported folder. */
  readonly vendored: ReadonlyMap<string, string>;
  readonly catalogs: Catalogs;
  /** Overrides the workspace applies (pnpm `overrides`), carried over as npm `overrides`. */
  readonly overrides: Readonly<Record<string, string>>;
}

/**
 * The package.json of an exported service: `workspace:` points at vendored tarballs, `catalog:` becomes the
 * pinned version, and npm `overrides` make every nested reference to a workspace package use its tarball too
 * (they are not on any registry).
 */
export const standaloneManifest = ({ manifest, vendored, catalogs, overrides }: StandaloneManifestInput): Manifest => {
  const rewrite = (deps: Readonly<Record<string, string>>): Record<string, string> =>
    Object.fromEntries(
      Object.entries(deps).map(([name, spec]) => {
        if (isWorkspaceSpec(spec)) {
          const tarball = vendored.get(name);
          if (tarball === undefined) throw new CiCheckError(`${name} is a workspace dependency but was not vendored`);
          return [name, `file:${tarball}`];
        }
        return [name, spec.startsWith('catalog:') ? resolveCatalogSpec(name, spec, catalogs) : spec];
      }),
    );
  const rewritten: Record<string, unknown> = { ...manifest };
  for (const field of DEPENDENCY_FIELDS) {
    const deps = manifest[field];
    if (deps) rewritten[field] = rewrite(deps);
  }
  const vendoredOverrides = Object.fromEntries([...vendored].map(([name, tarball]) => [name, `file:${tarball}`]));
  rewritten.overrides = { ...overrides, ...vendoredOverrides };
  return rewritten as Manifest;
};

/** `@fsxn/lambda-kit` at 0.1.0 -> `fsxn-lambda-kit-0.1.0.tgz`, the file name `pnpm pack` / `npm pack` write. */
export const tarballName = (name: string, version: string): string =>
  `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
