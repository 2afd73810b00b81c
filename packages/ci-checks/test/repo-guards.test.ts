// Guards over the real repository: every service and package as it is now (new ones are picked up as they
// appear). The rules themselves are tested on fixtures in the other files.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { canonicalUseCaseId, HIGH_RISK_USE_CASES } from '@fsxn/human-review';
import { describe, expect, it } from 'vitest';
import {
  discoverStepsOf,
  formatFinding,
  guardPackage,
  guardReviewGate,
  guardServerlessService,
  guardTriggerModes,
  packageDirs,
  readServerlessService,
} from '../src/index';

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

const withServerless = services.filter((name) => existsSync(join(root, 'services', name, 'serverless.yml')));
/** Per-file pipelines: a Discover step starts their state machine (flexclone-pipeline, FC1, ingestion have none). */
const pipelines = withServerless.filter(
  (name) => discoverStepsOf(readServerlessService(join(root, 'services', name)).machines).length > 0,
);
const highRisk = services.filter((name) =>
  (HIGH_RISK_USE_CASES as readonly string[]).includes(canonicalUseCaseId(name) ?? ''),
);

describe('trigger modes', () => {
  it('finds the per-file pipelines and the high-risk use cases among the services', () => {
    expect(pipelines).toEqual(expect.arrayContaining(['uc01-legal-compliance', 'uc08-energy-seismic']));
    expect(pipelines).not.toContain('flexclone-pipeline');
    expect(highRisk).toEqual(expect.arrayContaining(['uc05-healthcare-dicom', 'uc07-genomics-pipeline']));
  });

  it.each(pipelines)('%s offers POLLING, EVENT_DRIVEN and HYBRID from one stage parameter', (name) => {
    expect(guardTriggerModes(join(root, 'services', name), `services/${name}`).map(formatFinding)).toEqual([]);
  });

  it.each(highRisk)('%s holds items at a .waitForTaskToken review gate with a review API', (name) => {
    expect(guardReviewGate(join(root, 'services', name), `services/${name}`).map(formatFinding)).toEqual([]);
  });
});

describe.each(packages)('package %s', (name) => {
  it('declares every runtime import as a dependency and extends tsconfig by package name', () => {
    expect(guardPackage(join(root, 'packages', name), `packages/${name}`).map(formatFinding)).toEqual([]);
  });
});
