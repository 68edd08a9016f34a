export * from './process-groups';
export * from './projects';
export * from './ratchet';
export * from './sessions';
export * from './settings';
export * from './terminals';
export * from './workspaces';
