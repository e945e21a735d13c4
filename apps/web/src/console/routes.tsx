import type { RouteObject } from 'react-router';
import { Loading } from '../ui/states';
import { prefetching } from './prefetch';
import { meQuery } from './session';
import { Shell } from './shell';
import { NotBuilt } from './pages/not-built';
import { payoutRoutes } from './pages/payouts/routes';
import { prefetchProgram, ProgramPage } from './pages/program';
import { RelationshipPage } from './pages/relationship';
import { prefetchRelationships, RelationshipsPage } from './pages/relationships';
import { JoinPage } from './pages/join';
import { SignInPage, SignUpPage } from './pages/sign-in';
import { InfluencerImportPage } from './pages/influencer-import';
import { InfluencerPage } from './pages/influencer-form';
import { InfluencersPage } from './pages/influencers';
import { MailOutboxPage } from './pages/mail-outbox';
import { ReportsPage } from './pages/reports';
import { ApiKeysSettings } from './pages/settings/api-keys';
import { BrandsSettings } from './pages/settings/brands';
import { MembersSettings } from './pages/settings/members';
import { SettingsIndex, SettingsLayout } from './pages/settings/settings';
import { ShopifySettings } from './pages/settings/shopify';
import { WebhooksSettings } from './pages/settings/webhooks';
import { WorkspaceSettings } from './pages/settings/workspace';

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sign-up', element: <SignUpPage /> },
  { path: '/join', element: <JoinPage /> },
  {
    path: '/',
    element: <Shell />,
    // The loaders only start queries: the first frame is this fallback for no longer than a microtask.
    hydrateFallbackElement: <Loading what="your workspace" />,
    loader: prefetching((client) => void client.prefetchQuery(meQuery)),
    children: [
      { index: true, element: <ProgramPage />, loader: prefetching(prefetchProgram) },
      { path: 'relationships', element: <RelationshipsPage />, loader: prefetching(prefetchRelationships) },
      { path: 'relationships/:id', element: <RelationshipPage /> },
      { path: 'influencers', element: <InfluencersPage /> },
      { path: 'influencers/new', element: <InfluencerPage /> },
      { path: 'influencers/import', element: <InfluencerImportPage /> },
      { path: 'influencers/:id', element: <InfluencerPage /> },
      payoutRoutes,
      { path: 'reports', element: <ReportsPage /> },
      { path: 'mail-outbox', element: <MailOutboxPage /> },
      {
        path: 'settings',
        element: <SettingsLayout />,
        children: [
          { index: true, element: <SettingsIndex /> },
          { path: 'workspace', element: <WorkspaceSettings /> },
          { path: 'brands', element: <BrandsSettings /> },
          { path: 'members', element: <MembersSettings /> },
          { path: 'api-keys', element: <ApiKeysSettings /> },
          { path: 'shopify', element: <ShopifySettings /> },
          { path: 'webhooks', element: <WebhooksSettings /> },
        ],
      },
      { path: '*', element: <NotBuilt page="Not found" /> },
    ],
  },
];
