import type { UserWorkspaceConfig } from 'vitest/config';

export declare const projectDefaults: UserWorkspaceConfig;
export declare const defineFsxnProject: (name: string, overrides?: UserWorkspaceConfig) => UserWorkspaceConfig;
