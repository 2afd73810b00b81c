import type { Finding } from '../findings';
import type { CfnTemplate } from './template';

/** Every zip-packaged Lambda function runs the expected runtime (container images have none). */
export const checkLambdaRuntime = (template: CfnTemplate, expected: string): Finding[] => {
  const findings: Finding[] = [];
  for (const [id, resource] of template.resources) {
    if (resource.Type !== 'AWS::Lambda::Function' || resource.Properties.PackageType === 'Image') continue;
    const runtime = resource.Properties.Runtime;
    if (runtime !== expected) {
      findings.push({
        rule: 'lambda-runtime',
        severity: 'error',
        subject: id,
        path: 'Properties.Runtime',
        message: `runtime is ${JSON.stringify(runtime)}, expected ${expected}`,
      });
    }
  }
  return findings;
};
