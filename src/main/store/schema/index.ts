export * from './process-groups';
export * from './projects';
export * from './sessions';
export * from './settings';
export * from './terminals';
export * from './workspaces';
export * from './ratchet';
