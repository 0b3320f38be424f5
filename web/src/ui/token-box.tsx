// Credentials for servers that run with auth: an API key kept for this browser tab only
// (sessionStorage), sent as a bearer token. Local mode needs none.
import { useState } from 'react';
import { getToken, setToken } from '../api/http-client.ts';

export function TokenBox() {
  const [open, setOpen] = useState(false);
  const [has, setHas] = useState(() => getToken() !== null);
  if (!open) {
    return (
      <button type="button" className="token-btn" onClick={() => setOpen(true)}>
        {has ? 'API key set · change' : 'Use an API key…'}
      </button>
    );
  }
  return (
    <form
      className="token-form"
      onSubmit={(e) => {
        e.preventDefault();
        const v = new FormData(e.currentTarget).get('token');
        setToken(typeof v === 'string' && v.trim() ? v.trim() : null);
        setHas(getToken() !== null);
        setOpen(false);
        location.reload();
      }}
    >
      <label htmlFor="token">API key (bearer token)</label>
      <input id="token" name="token" type="password" autoComplete="off" />
      <button type="submit">Save</button>
    </form>
  );
}
