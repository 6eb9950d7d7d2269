import { useRef, useState, type DragEvent } from 'react';
import { HiddenFileInput } from '../../components/hidden-file-input';
import { closeModel, openModelFile } from '../../store/apply-actions';

/** "Open a saved model…": a file button and a drop area for the model JSON. */
export function ModelOpener({ open }: { readonly open: boolean }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) void openModelFile(f, f.name);
  };
  return (
    <div
      className={`apply-drop${over ? ' apply-drop--over' : ''}`}
      data-testid="apply-dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => inputRef.current?.click()}
          data-testid="apply-open"
        >
          {open ? 'Open another model…' : 'Apply a saved model…'}
        </button>{' '}
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
      <HiddenFileInput
        inputRef={inputRef}
        accept=".json,application/json"
        label="Choose a saved model (.json)"
        testId="apply-model-input"
        onFile={(f) => void openModelFile(f, f.name)}
      />
      <p className="muted small">
        Drop the model .json saved by the Export step here (or on the Data step). Its cleaning and RFM
        settings are used on the loaded file and every customer is scored with the saved numbers.
      </p>
    </div>
  );
}
