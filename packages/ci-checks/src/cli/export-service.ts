// Exports one service as a standalone folder that installs, tests and packages with npm alone:
//   tsx export-service.ts [--root DIR] [--verify] <service-name | service-dir> <outDir>
// Workspace packages it uses are packed (`pnpm pack`, which pins workspace:/catalog: versions) into vendor/
// and referenced as file: tarballs; catalog: versions become exact versions.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CiCheckError } from '../errors';
import { standaloneManifest, tarballName, workspaceClosure } from '../workspace/export-plan';
import { readManifest, readWorkspace } from '../workspace/workspace';

const ALWAYS_SKIPPED = new Set(['node_modules', '.serverless', 'dist', 'coverage', '.tmp']);
const GITIGNORE = 'node_modules/\n.serverless/\ncoverage/\n';

/** The service's files: git's view (tracked + untracked, not ignored) when available, else a directory walk. */
const serviceFiles = (dir: string): string[] => {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '.'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const files = out.toString('utf8').split('\0').filter(Boolean);
    if (files.length > 0)
      return files.filter((f) => existsSync(join(dir, f)) && !ALWAYS_SKIPPED.has(f.split('/')[0] ?? ''));
  } catch {
    // Not a git checkout: fall back to walking the folder.
  }
  const walk = (rel: string): string[] =>
    readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
      if (ALWAYS_SKIPPED.has(e.name)) return [];
      const path = rel ? `${rel}/${e.name}` : e.name;
      return e.isDirectory() ? walk(path) : [path];
    });
  return walk('');
};

const isInside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
};

const run = (label: string, command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): void => {
  const started = Date.now();
  console.log(`export-service: ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0)
    throw new CiCheckError(`${label} failed (exit ${result.status ?? result.signal}) after ${seconds}s`);
  console.log(`export-service: ${label}: OK in ${seconds}s`);
};

/** No AWS credentials can be found and nothing phones home (same environment as scripts/package-all.mjs). */
const offlineEnv = (): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_'))),
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  AWS_CONFIG_FILE: '/nonexistent/aws-config',
  AWS_EC2_METADATA_DISABLED: 'true',
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
  CI: process.env.CI ?? 'true',
});

export const exportService = (root: string, service: string, outDir: string): void => {
  const workspace = readWorkspace(root);
  const serviceDir = existsSync(join(root, 'services', service)) ? join(root, 'services', service) : resolve(service);
  if (isInside(outDir, root)) {
    throw new CiCheckError(
      `${outDir} is inside the monorepo: node would resolve the monorepo's node_modules from there`,
    );
  }
  const manifest = readManifest(serviceDir);
  const members = new Map([...workspace.packages].map(([name, pkg]) => [name, pkg.manifest]));
  const closure = workspaceClosure(manifest, members);

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'vendor'), { recursive: true });
  for (const file of serviceFiles(serviceDir)) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    cpSync(join(serviceDir, file), join(outDir, file));
  }
  const pnpm = join(root, 'node_modules', '.bin', 'pnpm');
  const vendored = new Map<string, string>();
  for (const name of closure) {
    const pkg = workspace.packages.get(name);
    if (!pkg) throw new CiCheckError(`${name} vanished from the workspace`);
    execFileSync(pnpm, ['pack', '--pack-destination', join(outDir, 'vendor')], { cwd: pkg.dir, stdio: 'ignore' });
    const tarball = `vendor/${tarballName(name, pkg.manifest.version)}`;
    if (!existsSync(join(outDir, tarball))) throw new CiCheckError(`pnpm pack of ${name} did not write ${tarball}`);
    vendored.set(name, tarball);
  }
  const standalone = standaloneManifest({
    manifest,
    vendored,
    catalogs: workspace.catalogs,
    overrides: workspace.overrides,
  });
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(standalone, null, 2)}\n`);
  if (!existsSync(join(outDir, '.gitignore'))) writeFileSync(join(outDir, '.gitignore'), GITIGNORE);
  console.log(
    `export-service: ${basename(serviceDir)} -> ${outDir} with ${closure.length} vendored package(s): ${closure.join(', ')}`,
  );
};

/** What a partner does with the exported folder, on a machine without the monorepo. */
export const verifyExport = (outDir: string): void => {
  const env = offlineEnv();
  run('install', 'npm', ['install', '--no-audit', '--no-fund'], outDir, env);
  run('test', 'npm', ['test'], outDir, env);
  run(
    'package',
    join(outDir, 'node_modules', '.bin', 'serverless'),
    ['package', '--stage', 'dev', '--region', 'ap-northeast-1'],
    outDir,
    env,
  );
  if (!existsSync(join(outDir, '.serverless', 'cloudformation-template-update-stack.json'))) {
    throw new CiCheckError('serverless package wrote no CloudFormation template');
  }
};

const main = (): number => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { root: { type: 'string', default: process.cwd() }, verify: { type: 'boolean', default: false } },
  });
  const [service, out] = positionals;
  if (!service || !out || positionals.length !== 2) {
    console.error('usage: export-service [--root DIR] [--verify] <service> <outDir>');
    return 2;
  }
  try {
    const outDir = resolve(out);
    exportService(resolve(values.root), service, outDir);
    if (values.verify) verifyExport(outDir);
    return 0;
  } catch (error) {
    console.error(`export-service: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
};

process.exitCode = main();
