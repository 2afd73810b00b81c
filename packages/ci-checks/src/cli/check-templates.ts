// Checks packaged CloudFormation templates: `tsx check-templates.ts [--root DIR] [template.json | serviceDir ...]`.
// With no paths it checks every services/*/.serverless/cloudformation-template-update-stack.json under the root.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAwsServiceSpecSource } from '../cfn/aws-service-spec-source';
import { checkTemplate, DEFAULT_TEMPLATE_CHECK_OPTIONS } from '../cfn/check-template';
import { parseTemplate } from '../cfn/template';
import { errorsOf, type Finding, formatFinding } from '../findings';

const TEMPLATE = join('.serverless', 'cloudformation-template-update-stack.json');

const templatePath = (path: string): string => (statSync(path).isDirectory() ? join(path, TEMPLATE) : path);

const discover = (root: string): string[] => {
  const services = join(root, 'services');
  if (!existsSync(services)) return [];
  return readdirSync(services)
    .filter((name) => existsSync(join(services, name, 'serverless.yml')))
    .sort()
    .map((name) => join(services, name, TEMPLATE));
};

const serviceLabel = (path: string, root: string): string => {
  const dir = dirname(dirname(path));
  const target = basename(dirname(path)) === '.serverless' ? dir : path;
  const rel = relative(root, target);
  return rel === '' || rel.startsWith('..') ? target : rel;
};

const main = (): number => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { root: { type: 'string', default: process.cwd() }, stages: { type: 'string' } },
  });
  const root = resolve(values.root);
  const stages = values.stages ? values.stages.split(',') : [...DEFAULT_TEMPLATE_CHECK_OPTIONS.stages];
  const paths = positionals.length > 0 ? positionals.map((p) => templatePath(resolve(p))) : discover(root);
  if (paths.length === 0) {
    console.log('check-templates: no service with a serverless.yml; nothing to check');
    return 0;
  }
  const started = Date.now();
  const schemas = loadAwsServiceSpecSource();
  let failed = 0;
  for (const path of paths) {
    const label = serviceLabel(path, root);
    let findings: Finding[];
    if (!existsSync(path)) {
      findings = [
        {
          rule: 'template',
          severity: 'error',
          subject: label,
          message: `${path} not found: package the service first`,
        },
      ];
    } else {
      try {
        const template = parseTemplate(JSON.parse(readFileSync(path, 'utf8')), path);
        findings = checkTemplate(template, { ...DEFAULT_TEMPLATE_CHECK_OPTIONS, stages, schemas });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        findings = [
          { rule: 'template', severity: 'error', subject: label, message: `unreadable template: ${message}` },
        ];
      }
    }
    const errors = errorsOf(findings);
    if (errors.length > 0) failed += 1;
    console.log(`check-templates: ${label}: ${errors.length === 0 ? 'OK' : `${errors.length} error(s)`}`);
    for (const finding of findings) console.log(`  ${formatFinding(finding)}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`check-templates: ${paths.length - failed} template(s) passed, ${failed} failed (${seconds}s)`);
  return failed === 0 ? 0 : 1;
};

process.exitCode = main();
