export * from './clean';
export { duplicateEvidence } from './duplicates';
