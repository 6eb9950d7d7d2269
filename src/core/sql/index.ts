export * from './dialects';
export * from './model';
export * from './generate';
