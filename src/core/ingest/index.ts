export * from './encoding';
export * from './delimited';
export * from './table-builder';
export * from './dates';
export * from './numbers';
export * from './roles';
export * from './transactions';
export * from './parse-text';
