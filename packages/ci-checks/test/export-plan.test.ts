import { describe, expect, it } from 'vitest';
import { CiCheckError } from '../src/index';
import { standaloneManifest, tarballName, workspaceClosure } from '../src/workspace/export-plan';
import type { Manifest } from '../src/workspace/manifest';

const pkg = (name: string, fields: Partial<Manifest> = {}): Manifest => ({ name, version: '0.1.0', ...fields });

const workspace = new Map<string, Manifest>([
  [
    '@w/kit',
    pkg('@w/kit', {
      dependencies: { '@w/errors': 'workspace:*', zod: 'catalog:' },
      devDependencies: { '@w/testing': 'workspace:*' },
    }),
  ],
  ['@w/errors', pkg('@w/errors')],
  ['@w/testing', pkg('@w/testing', { dependencies: { '@w/stack': 'workspace:^' } })],
  ['@w/stack', pkg('@w/stack', { peerDependencies: { '@w/errors': 'workspace:*' } })],
  ['@w/tsconfig', pkg('@w/tsconfig')],
  ['@w/unused', pkg('@w/unused')],
]);

const service = pkg('@w/svc', {
  scripts: { test: 'vitest run' },
  dependencies: { '@w/kit': 'workspace:*', 'dicom-parser': '1.8.21', zod: 'catalog:' },
  devDependencies: { '@w/tsconfig': 'workspace:*', vitest: 'catalog:tools' },
});

describe('workspaceClosure', () => {
  it('follows runtime and peer dependencies of workspace packages but not their dev dependencies', () => {
    expect(workspaceClosure(service, workspace)).toEqual(['@w/errors', '@w/kit', '@w/tsconfig']);
  });

  it("follows the root's own dev dependencies and what they need at run time", () => {
    const withTests = pkg('@w/svc', { devDependencies: { '@w/testing': 'workspace:*' } });
    expect(workspaceClosure(withTests, workspace)).toEqual(['@w/errors', '@w/stack', '@w/testing']);
  });

  it('fails when a workspace: dependency names no workspace package', () => {
    expect(() => workspaceClosure(pkg('@w/x', { dependencies: { '@w/missing': 'workspace:*' } }), workspace)).toThrow(
      CiCheckError,
    );
  });
});

describe('standaloneManifest', () => {
  const vendored = new Map([
    ['@w/kit', 'vendor/w-kit-0.1.0.tgz'],
    ['@w/errors', 'vendor/w-errors-0.1.0.tgz'],
    ['@w/tsconfig', 'vendor/w-tsconfig-0.1.0.tgz'],
  ]);
  const catalogs = { default: { zod: '4.6.7' }, tools: { vitest: '4.1.12' } };

  it('points workspace packages at tarballs, pins catalog versions and keeps everything else', () => {
    const out = standaloneManifest({
      manifest: service,
      vendored,
      catalogs,
      overrides: { serverless: 'npm:osls@4.3.1' },
    });
    expect(out).toEqual({
      name: '@w/svc',
      version: '0.1.0',
      scripts: { test: 'vitest run' },
      dependencies: { '@w/kit': 'file:vendor/w-kit-0.1.0.tgz', 'dicom-parser': '1.8.21', zod: '4.6.7' },
      devDependencies: { '@w/tsconfig': 'file:vendor/w-tsconfig-0.1.0.tgz', vitest: '4.1.12' },
      overrides: {
        serverless: 'npm:osls@4.3.1',
        '@w/kit': 'file:vendor/w-kit-0.1.0.tgz',
        '@w/errors': 'file:vendor/w-errors-0.1.0.tgz',
        '@w/tsconfig': 'file:vendor/w-tsconfig-0.1.0.tgz',
      },
    });
  });

  it('fails on a catalog entry that does not exist and on a workspace package that was not vendored', () => {
    expect(() => standaloneManifest({ manifest: service, vendored, catalogs: { default: {} }, overrides: {} })).toThrow(
      'zod: catalog: has no entry in catalog "default"',
    );
    expect(() => standaloneManifest({ manifest: service, vendored: new Map(), catalogs, overrides: {} })).toThrow(
      '@w/kit is a workspace dependency but was not vendored',
    );
  });
});

describe('tarballName', () => {
  it('names tarballs the way pnpm pack does', () => {
    expect(tarballName('@fsxn/lambda-kit', '0.1.0')).toBe('fsxn-lambda-kit-0.1.0.tgz');
    expect(tarballName('plain', '2.0.0')).toBe('plain-2.0.0.tgz');
  });
});
