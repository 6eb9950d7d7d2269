export * from './types';
export * from './binning';
export * from './segments';
export * from './summary';
export * from './saved';
export * from './export';
