// Live screens: run a refresh every 15 s while the tab is visible (a hidden tab costs the server
// nothing), at once when the tab comes back after a while, never two at a time.
import { useEffect, useRef } from "preact/hooks";

/** The shortest gap between two automatic refreshes. */
export const POLL_MS = 15_000;

/**
 * Calls `refresh` every `every` ms while the document is visible and `enabled` is true. The latest
 * `refresh` is used (no need to memoise it); a change of `key` restarts the clock.
 */
export function usePoll(refresh: () => Promise<unknown>, enabled: boolean, key: unknown = null, every = POLL_MS): void {
  const latest = useRef(refresh);
  latest.current = refresh;

  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let stopped = false;
    /** when the screen was last brought up to date (the first load counts) */
    let last = Date.now();

    const visible = () => document.visibilityState === "visible";
    const schedule = (delay: number) => {
      clearTimeout(timer);
      if (!stopped && visible()) timer = setTimeout(run, Math.max(0, delay));
    };
    const run = async () => {
      if (running || stopped || !visible()) return;
      running = true;
      try {
        await latest.current();
      } catch {
        // A failed refresh changes nothing on screen; the next one tries again.
      } finally {
        running = false;
        last = Date.now();
        schedule(every);
      }
    };
    const onVisibility = () => {
      if (visible()) schedule(last + every - Date.now());
      else clearTimeout(timer);
    };

    schedule(every);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [enabled, key, every]);
}
