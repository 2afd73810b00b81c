export * from './discovery';
export * from './errors';
export * from './item-result';
export * from './map-results';
export * from './percentile';
export * from './report';
export * from './run-discovery';
export * from './success-metrics';
