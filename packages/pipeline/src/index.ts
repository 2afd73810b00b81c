export * from './discovery';
export * from './errors';
export * from './item-result';
export * from './percentile';
export * from './report';
export * from './success-metrics';
