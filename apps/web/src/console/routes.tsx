import type { RouteObject } from 'react-router';
import { Shell } from './shell';
import { NotBuilt } from './pages/not-built';
import { ProgramPage } from './pages/program';
import { RelationshipPage } from './pages/relationship';
import { RelationshipsPage } from './pages/relationships';
import { SignInPage, SignUpPage } from './pages/sign-in';

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sign-up', element: <SignUpPage /> },
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <ProgramPage /> },
      { path: 'relationships', element: <RelationshipsPage /> },
      { path: 'relationships/:id', element: <RelationshipPage /> },
      { path: 'influencers', element: <NotBuilt page="Influencers" /> },
      { path: 'reports', element: <NotBuilt page="Reports" /> },
      { path: 'settings', element: <NotBuilt page="Settings" /> },
      { path: '*', element: <NotBuilt page="Not found" /> },
    ],
  },
];
