#!/usr/bin/env node
// The CLI and the services it runs are TypeScript sources; tsx loads them in-process so the demo
// runs the same handler code that esbuild bundles for Lambda.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
