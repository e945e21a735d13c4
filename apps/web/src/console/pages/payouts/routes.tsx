import type { RouteObject } from 'react-router';
import { PayoutsPage } from './overview';
import { PayeePage } from './payee';
import { PayoutRunPage } from './run';
import { PayoutStatementPage } from './statement';

/** /payouts and below (docs/payouts.md), one entry in the console's routes. */
export const payoutRoutes: RouteObject = {
  path: 'payouts',
  children: [
    { index: true, element: <PayoutsPage /> },
    { path: 'runs/:id', element: <PayoutRunPage /> },
    { path: 'statements/:id', element: <PayoutStatementPage /> },
    { path: 'payees/:id', element: <PayeePage /> },
  ],
};
