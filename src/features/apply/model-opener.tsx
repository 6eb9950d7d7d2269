import { FileButton } from '../../components/file-button';
import { useFileDrop } from '../../components/file-drop';
import { closeModel, openModelFile } from '../../store/apply-actions';

const openFirst = (f: File | undefined) => {
  if (f) void openModelFile(f, f.name);
};

/** "Open a saved model…": a file button and a drop area for the model JSON. */
export function ModelOpener({ open }: { readonly open: boolean }) {
  const { over, dropProps } = useFileDrop((files) => openFirst(files[0]));
  return (
    <div
      className={`apply-drop${over ? ' apply-drop--over' : ''}`}
      data-testid="apply-dropzone"
      {...dropProps}
    >
      <p>
        <FileButton
          className="button button--primary"
          buttonTestId="apply-open"
          accept=".json,application/json"
          label="Choose a saved model (.json)"
          testId="apply-model-input"
          onFile={openFirst}
        >
          {open ? 'Open another model…' : 'Apply a saved model…'}
        </FileButton>{' '}
        {open ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={closeModel}
            data-testid="apply-close"
          >
            Close the model and fit again
          </button>
        ) : null}
      </p>
      <p className="muted small">
        Drop the model .json saved by the Export step here (or on the Data step). Its cleaning and RFM
        settings are used on the loaded file and every customer is scored with the saved numbers.
      </p>
    </div>
  );
}
