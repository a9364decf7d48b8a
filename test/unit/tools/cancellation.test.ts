import assert from 'node:assert/strict';
import { abortSignalFrom } from '../../../src/core/tools/cancellation.js';
import type { CancellationLike } from '../../../src/core/tools/cancellation.js';

/** The shape of VS Code's CancellationTokenSource, enough to drive the adapter. */
function tokenSource() {
  const listeners = new Set<() => unknown>();
  let cancelled = false;
  const token: CancellationLike = {
    get isCancellationRequested() {
      return cancelled;
    },
    onCancellationRequested(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
  return { token, listeners, cancel: () => ((cancelled = true), listeners.forEach((l) => l())) };
}

describe('cancellation adapter', () => {
  it('aborts the signal when the token is cancelled, and dispose drops the listener', () => {
    const source = tokenSource();
    const adapted = abortSignalFrom(source.token);
    assert.equal(adapted.signal.aborted, false);
    assert.equal(source.listeners.size, 1);
    source.cancel();
    assert.equal(adapted.signal.aborted, true);
    adapted.dispose();
    assert.equal(source.listeners.size, 0);
  });

  it('an already cancelled token gives an aborted signal', () => {
    const source = tokenSource();
    source.cancel();
    assert.equal(abortSignalFrom(source.token).signal.aborted, true);
    assert.equal(source.listeners.size, 0);
  });
});
