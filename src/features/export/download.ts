export { downloadBlob, textBlob } from '../../components/download';
