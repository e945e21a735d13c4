import { CodesPage } from './pages/codes';
import { DeliverablePage, DeliverablesPage } from './pages/deliverables';
import { EarningsPage } from './pages/earnings';
import { Frame } from './pages/frame';
import { HomePage } from './pages/home';
import { LinkPage } from './pages/link';
import { PayoutsPage, PayoutStatementPage } from './pages/payouts';
import { SignInPage } from './pages/sign-in';
import { TermsPage } from './pages/terms';
import { Link, Router, type Route } from './router';
import { PortalShell } from './shell';

const routes: Route[] = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/link', element: <LinkPage /> },
  { path: '/', element: <HomePage />, shell: true },
  { path: '/terms/:id', element: <TermsPage />, shell: true },
  { path: '/deliverables', element: <DeliverablesPage />, shell: true },
  { path: '/deliverables/:id', element: <DeliverablePage />, shell: true },
  { path: '/codes', element: <CodesPage />, shell: true },
  { path: '/earnings', element: <EarningsPage />, shell: true },
  { path: '/payouts', element: <PayoutsPage />, shell: true },
  { path: '/payouts/:id', element: <PayoutStatementPage />, shell: true },
];

const notFound = (
  <Frame title="Page not found">
    <Link to="/" className="text-sm text-indigo-700 underline">
      Go to your portal
    </Link>
  </Frame>
);

export const PortalRoutes = () => <Router routes={routes} shell={<PortalShell />} notFound={notFound} />;
