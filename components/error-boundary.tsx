import { Component, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

/** Keeps one broken view from blanking the whole panel; offers a reload. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    // Going to another view gives it a fresh start.
    if (previous.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="notice notice-error" role="alert">
        <p className="notice-title">This view could not be shown.</p>
        <p className="notice-hint">Your lists are safe in this browser. Reload the panel to try again.</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload panel
        </button>
      </div>
    );
  }
}
