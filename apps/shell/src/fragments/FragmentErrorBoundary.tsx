import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Told about each caught error, so the slot can count failures and schedule a retry. */
  onError: (error: unknown) => void;
  fallback: ReactNode;
  children: ReactNode;
}

interface State {
  failed: boolean;
}

/**
 * Catches whatever a fragment throws (a remote that cannot be loaded, or a crash while rendering)
 * so that it never unmounts the shell. It does not reset itself: the slot remounts it with a new
 * key to try again.
 */
export class FragmentErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    this.props.onError(error);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
