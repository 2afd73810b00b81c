export { discoverBenches } from './commands/bench';
export { HELP, main } from './main';
export { DEMO_SERVICES, findRepoRoot, resolveServiceDir } from './repo';
export { buildRunReport, type ReportItem, type RunReportJson } from './run-report';
