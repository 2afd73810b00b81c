#!/usr/bin/env node
// Installs the workspace on a machine that has only Node.js and npm: fetches the pinned pnpm through
// npx and runs a frozen-lockfile install. Skips the install when node_modules already matches the lockfile.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM = 'pnpm@12.4.2';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.fsxn-lock-hash');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node.js >= 20.19 is required (found ${process.versions.node}).`);
  process.exit(1);
}

const lockHash = createHash('sha256')
  .update(readFileSync(join(root, 'pnpm-lock.yaml')))
  .digest('hex');
if (existsSync(marker) && readFileSync(marker, 'utf8') === lockHash) process.exit(0);

console.error(`Installing the workspace with ${PNPM} (frozen lockfile)...`);
const result = spawnSync('npx', ['-y', PNPM, 'install', '--frozen-lockfile'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
});
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(marker, lockHash);
