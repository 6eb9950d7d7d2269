import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Name of the cell, used in the message. */
  readonly name: string;
  readonly children: ReactNode;
}
interface State {
  readonly error: Error | null;
}

/** Keeps one cell's crash inside that cell: the rest of the notebook stays usable. */
export class CellErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`The ${this.props.name} step crashed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <section className="cell cell--error" data-status="error" aria-label={`${this.props.name} (failed)`}>
        <div className="message message--error" role="alert">
          <p className="message__title">The {this.props.name} step stopped working.</p>
          <div className="message__body">
            <p>{error.message}</p>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => this.setState({ error: null })}
            >
              Try again
            </button>
          </div>
        </div>
      </section>
    );
  }
}
