/** Runs `fn` when the browser has nothing better to do (at the latest after 4 s). */
export const idle = (fn: () => void): void =>
  void ("requestIdleCallback" in window ? requestIdleCallback(fn, { timeout: 4000 }) : setTimeout(fn, 1500));
