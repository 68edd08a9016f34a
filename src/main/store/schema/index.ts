export * from './automation';
export * from './process-groups';
export * from './projects';
export * from './pull-reviews';
export * from './sessions';
export * from './settings';
export * from './terminals';
export * from './workspaces';
