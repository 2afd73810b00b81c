export * from './context';
export * from './review-gates';
export * from './samples/dicom';
export * from './samples/pdf';
export * from './samples/png';
export * from './samples/tabular';
export * from './temp-dir';
export * from './with-service-stack';
