/** Moved to src/components/download.ts (shared by the export and apply cells). */
export { downloadBlob, textBlob } from '../../components/download';
