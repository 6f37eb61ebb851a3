import { useEffect, useRef } from 'react';

/** Calls `tick` every `ms` while the page is open and visible; a hidden tab is not polled. */
export function useEvery(ms: number, tick: () => void): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') latest.current();
    }, ms);
    return () => clearInterval(timer);
  }, [ms]);
}
