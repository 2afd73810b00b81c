export * from './context';
export * from './samples/dicom';
