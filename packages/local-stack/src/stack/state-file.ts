import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LocalStackError } from '../errors';
import type { LocalStackInfo } from './descriptor';

/** What another process (`fsxn review …`) needs to reach a running stack. */
export interface StackStateFile {
  pid: number;
  startedAt: string;
  service: string;
  serviceDir: string;
  dataDir: string;
  endpoints: LocalStackInfo['endpoints'];
  tables: Record<string, string>;
  /** The table human reviews are kept in (the handlers' REVIEW_TABLE), if the service has one. */
  reviewTable?: string;
  accessPoints: LocalStackInfo['accessPoints'];
  outputPrefix: string;
  logFile: string;
}

export const stackStatePath = (rootDir: string) => join(rootDir, '.fsxn', 'stack.json');

export const writeStackState = async (rootDir: string, state: StackStateFile): Promise<string> => {
  const path = stackStatePath(rootDir);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  return path;
};

/** Removes the state file only if it still describes this process's stack (another may have replaced it). */
export const removeStackState = async (rootDir: string, pid = process.pid): Promise<void> => {
  const current = await readStackState(rootDir).catch(() => undefined);
  if (current && current.pid !== pid) return;
  await rm(stackStatePath(rootDir), { force: true });
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Reads the state file of the running stack; throws a clear error when none runs. */
export const readStackState = async (rootDir: string): Promise<StackStateFile> => {
  const path = stackStatePath(rootDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new LocalStackError(
      `No local stack is running here (no ${path}); start one with \`fsxn run\` or \`fsxn demo\``,
      {
        cause,
      },
    );
  }
  const state = JSON.parse(text) as StackStateFile;
  if (!isAlive(state.pid)) {
    throw new LocalStackError(`The local stack recorded in ${path} (pid ${state.pid}) is no longer running`);
  }
  return state;
};
