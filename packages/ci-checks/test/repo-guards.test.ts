// Guards over the real repository: every service and package as it is now (new ones are picked up as they
// appear). The rules themselves are tested on fixtures in the other files.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFinding, guardPackage, guardServerlessService, packageDirs } from '../src/index';

const root = resolve(import.meta.dirname, '..', '..', '..');
const services = packageDirs(join(root, 'services'));
const packages = packageDirs(join(root, 'packages'));

it('finds the workspace root', () => {
  expect(existsSync(join(root, 'pnpm-workspace.yaml'))).toBe(true);
});

describe.each(services)('service %s', (name) => {
  const dir = join(root, 'services', name);

  it('declares every runtime import as a dependency and extends tsconfig by package name', () => {
    expect(guardPackage(dir, `services/${name}`).map(formatFinding)).toEqual([]);
  });

  it.runIf(existsSync(join(dir, 'serverless.yml')))(
    'has a serverless.yml that packages offline with the agreed settings',
    () => {
      expect(guardServerlessService(dir, `services/${name}`).map(formatFinding)).toEqual([]);
    },
  );
});

describe.each(packages)('package %s', (name) => {
  it('declares every runtime import as a dependency and extends tsconfig by package name', () => {
    expect(guardPackage(join(root, 'packages', name), `packages/${name}`).map(formatFinding)).toEqual([]);
  });
});
