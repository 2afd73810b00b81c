#!/usr/bin/env node
// The CLI and the services it runs are TypeScript sources; tsx loads them in-process so the demo
// runs the same handler code that esbuild bundles for Lambda.
// The AWS SDK prints a Node.js 20 support notice once per process; the documented switch turns off exactly
// that notice (Lambda runs nodejs22.x). Set before any SDK client is built.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { register } = await import('tsx/esm/api');

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
