#!/usr/bin/env node
// Checks packaged CloudFormation templates (see packages/ci-checks): run `node scripts/package-all.mjs` first.
//   node scripts/check-templates.mjs [--stages dev,production] [template.json | serviceDir ...]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages', 'ci-checks', 'src', 'cli', 'check-templates.ts');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const result = spawnSync(tsx, [cli, '--root', root, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = result.status ?? 1;
