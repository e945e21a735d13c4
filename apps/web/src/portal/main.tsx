import { createRoot } from 'react-dom/client';
import '../styles.css';

/** Placeholder: the ambassador portal is its own issue; this entry reserves /portal and its build. */
createRoot(document.getElementById('root')!).render(
  <main className="mx-auto max-w-xl p-8">
    <h1 className="text-xl font-semibold">Ambassador portal</h1>
    <p className="mt-2 text-slate-600">Not open yet. Your brand contacts you by email in the meantime.</p>
  </main>,
);
