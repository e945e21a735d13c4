import { useEffect, useRef } from 'react';

/**
 * Moving to another page moves focus to its main heading (the `h1` in `main`), so a screen reader says where
 * you are: the link that was followed is gone and focus would fall back to the document. Not on the first
 * page shown (the reader starts at the top), and not when the heading stays (a settings section, a filter or
 * a tab in the address). A heading that comes with data (a relationship's name) is waited for, `main` holding
 * focus meanwhile. Rendered inside `main`, given the router's pathname (the console's react-router, the portal's own).
 */
export function RouteFocus({ pathname }: { pathname: string }) {
  const shown = useRef<{ pathname: string; heading: Element | null }>(null);
  useEffect(() => {
    const main = document.querySelector('main');
    if (!main) return;
    const heading = () => main.querySelector('h1');
    if (!shown.current || shown.current.pathname === pathname) {
      shown.current = { pathname, heading: heading() };
      return;
    }
    const before = shown.current.heading;
    const current = { pathname, heading: before };
    shown.current = current;
    const focus = (target: HTMLElement) => {
      target.tabIndex = -1;
      target.focus();
    };
    const arrived = () => {
      const h1 = heading();
      if (!(h1 instanceof HTMLElement) || h1 === before) return false;
      current.heading = h1;
      focus(h1);
      return true;
    };
    if (arrived()) return;
    if (before && main.contains(before)) return;
    focus(main);
    const observer = new MutationObserver(() => arrived() && observer.disconnect());
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [pathname]);
  return null;
}
