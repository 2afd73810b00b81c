#!/usr/bin/env node
// Exports one service as a standalone folder (workspace packages vendored as tarballs) and, with --verify,
// runs npm install, npm test and serverless package inside it. See docs/ci.md.
//   node scripts/export-service.mjs [--verify] <service> <outDir>
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages', 'ci-checks', 'src', 'cli', 'export-service.ts');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const result = spawnSync(tsx, [cli, '--root', root, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = result.status ?? 1;
