import { execFileSync } from 'node:child_process';

/** Runs a program and returns its stdout, or undefined when it is not installed. */
const available = (command: string, args: readonly string[]) => {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Debian `python3-pil` (Pillow under the system Python). */
export const PIL_PYTHON = '/usr/bin/python3';
export const hasPil = () => available(PIL_PYTHON, ['-c', 'import PIL']);
/** Debian `poppler-utils`. */
export const hasPoppler = () => available('pdftotext', ['-v']) && available('pdfinfo', ['-v']);
