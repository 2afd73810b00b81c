import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Hive, and so Athena, skips files and folders whose name starts with `_` or `.` (markers, temp files). */
const isHidden = (name: string) => name.startsWith('_') || name.startsWith('.');

/**
 * Every data file under `dir`, recursively and sorted, as Athena reads every object under a table's
 * LOCATION. A missing folder is an empty table.
 */
export const listTableFiles = async (dir: string): Promise<string[]> => {
  const files: string[] = [];
  const walk = async (current: string) => {
    let entries: Dirent[];
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      if (isHidden(entry.name)) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  await walk(dir);
  return files.sort();
};
