// The four states every data view has besides "data": loading, empty, error and not available.
import type { ReactNode } from 'react';
import { ApiCallError, errorText } from '../api/http-client.ts';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  return <div className="state state-empty" role="status">{children ?? 'No records match these filters.'}</div>;
}

/** An error, or the calmer "not available" when the server simply lacks the endpoint. */
export function ErrorState({ error, what, retry }: { error: unknown; what?: string; retry?: () => void }) {
  if (error instanceof ApiCallError && error.notAvailable) {
    return (
      <div className="state state-na" role="status" data-state="not-available">
        <strong>{what ?? 'This view'} is not available on this server.</strong>
        <span className="muted">The API it needs answered {error.status} ({error.code}).</span>
      </div>
    );
  }
  return (
    <div className="state state-error" role="alert" data-state="error">
      <strong>Could not load {what ?? 'the data'}.</strong>
      <span className="mono">{errorText(error)}</span>
      {retry && <button type="button" onClick={retry}>Retry</button>}
    </div>
  );
}
