// The core takes an AbortSignal; editors with their own token shape (VS Code's CancellationToken) adapt here.

/** The shape of VS Code's CancellationToken, without importing the editor. */
export interface CancellationLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => unknown): { dispose(): unknown };
}

/** An AbortSignal that fires when `token` does; call dispose() when the operation ends to drop the listener. */
export function abortSignalFrom(token: CancellationLike): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) {
    controller.abort();
    return { signal: controller.signal, dispose: () => undefined };
  }
  const subscription = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => void subscription.dispose() };
}
