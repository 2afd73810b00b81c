export * from './acl-record';
export * from './control-flags';
export * from './errors';
export * from './findings';
export * from './sid';
