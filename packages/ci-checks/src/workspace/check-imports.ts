import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import type { Finding } from '../findings';
import type { Manifest } from './manifest';

export interface SourceFile {
  /** Path relative to the package folder, with `/` separators. */
  readonly path: string;
  readonly text: string;
}

const STATIC_IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
const BUILTINS = new Set(builtinModules);

export interface ImportSpecifier {
  readonly specifier: string;
  readonly typeOnly: boolean;
}

/** The module specifiers a TypeScript file imports or re-exports (static, dynamic, require). */
export const importSpecifiers = (text: string): ImportSpecifier[] => [
  ...[...text.matchAll(STATIC_IMPORT)].map((m) => ({ specifier: m[2] ?? '', typeOnly: m[1] !== undefined })),
  ...[...text.matchAll(DYNAMIC_IMPORT)].map((m) => ({ specifier: m[1] ?? '', typeOnly: false })),
];

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`; undefined for relative, builtin and `#` imports. */
export const packageNameOf = (specifier: string): string | undefined => {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#')) return undefined;
  if (specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
  return BUILTINS.has(name) ? undefined : name;
};

/**
 * Every package a source file imports at run time is a dependency in package.json (not only a dev
 * dependency: a copied-out service installs from its own package.json), and no relative import leaves the
 * package folder (it would break once the folder is copied out).
 */
export const checkRuntimeImports = (manifest: Manifest, files: readonly SourceFile[], subject: string): Finding[] => {
  const runtime = { ...manifest.peerDependencies, ...manifest.optionalDependencies, ...manifest.dependencies };
  const findings: Finding[] = [];
  for (const file of files) {
    for (const { specifier, typeOnly } of importSpecifiers(file.text)) {
      if (specifier.startsWith('.')) {
        const target = posix.normalize(posix.join(posix.dirname(file.path), specifier));
        if (target.startsWith('..')) {
          findings.push({
            rule: 'relative-import',
            severity: 'error',
            subject,
            path: file.path,
            message: `${specifier} reaches outside the package folder; import it by package name`,
          });
        }
        continue;
      }
      const name = packageNameOf(specifier);
      if (typeOnly || name === undefined || name === manifest.name || name in runtime) continue;
      const where =
        manifest.devDependencies && name in manifest.devDependencies ? 'only a devDependency' : 'not a dependency';
      findings.push({
        rule: 'runtime-dependency',
        severity: 'error',
        subject,
        path: file.path,
        message: `imports ${specifier}, but ${name} is ${where}`,
      });
    }
  }
  return findings;
};
