import { describe, expect, it } from 'vitest';
import { checkRuntimeImports, checkTsconfigExtends, importSpecifiers, packageNameOf } from '../src/index';

const manifest = {
  name: '@w/svc',
  version: '0.1.0',
  dependencies: { '@w/kit': 'workspace:*', zod: '4.6.7' },
  devDependencies: { vitest: '4.1.12', '@w/testing': 'workspace:*' },
};

describe('importSpecifiers', () => {
  it('finds static, multi-line, re-export, side-effect and dynamic imports and marks type-only ones', () => {
    const text = [
      "import { a } from '@w/kit';",
      'import {',
      '  b,',
      '  c,',
      "} from 'zod/v4';",
      "import type { Context } from 'aws-lambda';",
      "export * from './local';",
      "import 'side-effect';",
      "const x = await import('lazy');",
      "const y = require('old');",
      "const s = 'import nothing from here';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual([
      { specifier: '@w/kit', typeOnly: false },
      { specifier: 'zod/v4', typeOnly: false },
      { specifier: 'aws-lambda', typeOnly: true },
      { specifier: './local', typeOnly: false },
      { specifier: 'side-effect', typeOnly: false },
      { specifier: 'lazy', typeOnly: false },
      { specifier: 'old', typeOnly: false },
    ]);
  });
});

describe('packageNameOf', () => {
  it('maps specifiers to package names and ignores builtins, relative and subpath imports', () => {
    expect(packageNameOf('@aws-sdk/client-s3')).toBe('@aws-sdk/client-s3');
    expect(packageNameOf('@w/kit/middleware')).toBe('@w/kit');
    expect(packageNameOf('zod/v4')).toBe('zod');
    expect(packageNameOf('node:fs')).toBeUndefined();
    expect(packageNameOf('crypto')).toBeUndefined();
    expect(packageNameOf('./x')).toBeUndefined();
    expect(packageNameOf('#domain/x')).toBeUndefined();
  });
});

describe('checkRuntimeImports', () => {
  it('accepts imports of dependencies, builtins, type-only and in-package relative imports', () => {
    const files = [
      {
        path: 'src/handlers/a.ts',
        text: "import { z } from 'zod';\nimport { k } from '@w/kit';\nimport { f } from 'node:fs';\nimport type { X } from 'aws-lambda';\nimport { d } from '../domain/d';",
      },
    ];
    expect(checkRuntimeImports(manifest, files, 'svc')).toEqual([]);
  });

  it('reports undeclared and dev-only runtime imports, and relative imports leaving the folder', () => {
    const files = [
      {
        path: 'src/a.ts',
        text: "import { t } from '@w/testing';\nimport p from 'pino';\nimport { s } from '../../../packages/s3ap/src/index';",
      },
    ];
    expect(checkRuntimeImports(manifest, files, 'svc').map((f) => f.message)).toEqual([
      'imports @w/testing, but @w/testing is only a devDependency',
      'imports pino, but pino is not a dependency',
      '../../../packages/s3ap/src/index reaches outside the package folder; import it by package name',
    ]);
  });
});

describe('checkTsconfigExtends', () => {
  it('accepts a package base and reports relative or absolute bases', () => {
    expect(checkTsconfigExtends({ extends: '@fsxn/tsconfig/base.json' }, 't')).toEqual([]);
    expect(checkTsconfigExtends({ compilerOptions: {} }, 't')).toEqual([]);
    expect(
      checkTsconfigExtends({ extends: ['../../tsconfig.json', '/abs/base.json', '@fsxn/tsconfig/base.json'] }, 't'),
    ).toHaveLength(2);
  });
});
