#!/usr/bin/env node
// Runs `serverless package` for every service that has a serverless.yml (or only the ones named), a few at a
// time, with no AWS credentials and no network: packaging must never depend on an account.
//   node scripts/package-all.mjs [--concurrency 2] [--stage dev] [--region ap-northeast-1] [service ...]
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE = join('.serverless', 'cloudformation-template-update-stack.json');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    concurrency: { type: 'string', default: process.env.CI_PACKAGE_CONCURRENCY ?? '2' },
    stage: { type: 'string', default: 'dev' },
    region: { type: 'string', default: 'ap-northeast-1' },
    'log-dir': { type: 'string', default: join(root, '.tmp', 'ci', 'package') },
  },
});

/** The environment of a packaging run: no AWS credentials can be found, nothing phones home. */
export const offlineEnv = (env) => {
  const clean = Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('AWS_')));
  return {
    ...clean,
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    // Never probe the instance metadata endpoint for credentials.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    CI: env.CI ?? 'true',
  };
};

const servicesDir = join(root, 'services');
const all = existsSync(servicesDir)
  ? readdirSync(servicesDir)
      .filter((name) => existsSync(join(servicesDir, name, 'serverless.yml')))
      .sort()
  : [];
const unknown = positionals.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`package-all: no serverless.yml in services/${unknown.join(', services/')}`);
  process.exit(2);
}
const selected = positionals.length > 0 ? positionals : all;
const concurrency = Math.max(1, Number.parseInt(values.concurrency, 10) || 1);
mkdirSync(values['log-dir'], { recursive: true });

const zipStats = (dir) => {
  const out = join(dir, '.serverless');
  if (!existsSync(out)) return { count: 0, bytes: 0 };
  const zips = readdirSync(out).filter((f) => f.endsWith('.zip'));
  return { count: zips.length, bytes: zips.reduce((sum, f) => sum + statSync(join(out, f)).size, 0) };
};

const packageOne = (name) =>
  new Promise((resolve) => {
    const dir = join(servicesDir, name);
    const log = join(values['log-dir'], `${name}.log`);
    const bin = join(dir, 'node_modules', '.bin', 'serverless');
    const started = Date.now();
    const done = (ok, reason) =>
      resolve({ name, ok, reason, log, seconds: (Date.now() - started) / 1000, ...zipStats(dir) });
    if (!existsSync(bin)) return done(false, `${bin} missing: is osls a devDependency and the workspace installed?`);
    // A stale template from an earlier run must never be checked as if this run had produced it.
    rmSync(join(dir, '.serverless'), { recursive: true, force: true });
    const out = createWriteStream(log);
    const child = spawn(bin, ['package', '--stage', values.stage, '--region', values.region], {
      cwd: dir,
      env: offlineEnv(process.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', (error) => out.end(() => done(false, error.message)));
    child.on('close', (code) =>
      out.end(() => {
        if (code !== 0) return done(false, `exit code ${code}`);
        if (!existsSync(join(dir, TEMPLATE))) return done(false, `${TEMPLATE} was not written`);
        done(true);
      }),
    );
  });

const tail = (file, lines) => readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');

const results = [];
const queue = [...selected];
const worker = async () => {
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const r = await packageOne(name);
    results.push(r);
    const size = `${r.count} zip(s), ${(r.bytes / 1024).toFixed(0)} KiB`;
    console.log(`package-all: ${r.ok ? 'OK  ' : 'FAIL'} ${name} ${r.seconds.toFixed(1)}s ${r.ok ? size : r.reason}`);
    if (!r.ok && existsSync(r.log)) console.log(`---- last lines of ${r.log}\n${tail(r.log, 40)}\n----`);
  }
};

const started = Date.now();
if (selected.length === 0) console.log('package-all: no service has a serverless.yml; nothing to package');
await Promise.all(Array.from({ length: Math.min(concurrency, selected.length) }, worker));
const failed = results.filter((r) => !r.ok);
console.log(
  `package-all: ${results.length - failed.length} packaged, ${failed.length} failed in ${((Date.now() - started) / 1000).toFixed(1)}s (concurrency ${concurrency})`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
