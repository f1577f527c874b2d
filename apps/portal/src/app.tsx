import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { homePathOf, Layout } from './components/layout';
import { Loading } from './components/states';
import { NotFoundPage } from './pages/not-found-page';
import { SignInPage } from './pages/sign-in-page';
import { SessionProvider, useSession } from './session-context';

// Each area is its own chunk: a state analyst never downloads the coordinator's charts.
const SubmissionsPage = lazy(() =>
  import('./pages/state/submissions-page').then((m) => ({ default: m.SubmissionsPage })),
);
const SubmissionPage = lazy(() => import('./pages/state/submission-page').then((m) => ({ default: m.SubmissionPage })));
const EpisodesPage = lazy(() => import('./pages/state/episodes-page').then((m) => ({ default: m.EpisodesPage })));
const EpisodePage = lazy(() => import('./pages/state/episode-page').then((m) => ({ default: m.EpisodePage })));
const DisputesPage = lazy(() => import('./pages/shared/disputes-page').then((m) => ({ default: m.DisputesPage })));
const DisputePage = lazy(() => import('./pages/shared/dispute-page').then((m) => ({ default: m.DisputePage })));
const StatementsPage = lazy(() =>
  import('./pages/manufacturer/statements-page').then((m) => ({ default: m.StatementsPage })),
);
const StatementPage = lazy(() =>
  import('./pages/manufacturer/statement-page').then((m) => ({ default: m.StatementPage })),
);
const DashboardPage = lazy(() =>
  import('./pages/coordinator/dashboard-page').then((m) => ({ default: m.DashboardPage })),
);
const AgreementsPage = lazy(() =>
  import('./pages/coordinator/agreements-page').then((m) => ({ default: m.AgreementsPage })),
);
const AgreementPage = lazy(() =>
  import('./pages/coordinator/agreement-page').then((m) => ({ default: m.AgreementPage })),
);

const SimulationsPage = lazy(() => import('./pages/simulations-page').then((m) => ({ default: m.SimulationsPage })));
// Charts (Recharts) load with the simulation page only, outside the initial bundle budget.
const SimulationPage = lazy(() => import('./pages/simulation-page'));

function page(element: ReactNode) {
  return <Suspense fallback={<Loading what="the page" />}>{element}</Suspense>;
}

function Routed() {
  const { session } = useSession();
  if (session === undefined) {
    return (
      <main id="main">
        <Loading what="your session" />
      </main>
    );
  }
  if (session === null) return <SignInPage />;
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to={homePathOf(session.user.role)} replace />} />
        <Route path="submissions" element={page(<SubmissionsPage />)} />
        <Route path="submissions/:id" element={page(<SubmissionPage />)} />
        <Route path="episodes" element={page(<EpisodesPage />)} />
        <Route path="episodes/:ref" element={page(<EpisodePage />)} />
        <Route path="statements" element={page(<StatementsPage />)} />
        <Route path="statements/:number" element={page(<StatementPage />)} />
        <Route path="disputes" element={page(<DisputesPage />)} />
        <Route path="disputes/:id" element={page(<DisputePage />)} />
        <Route path="dashboard" element={page(<DashboardPage />)} />
        <Route path="agreements" element={page(<AgreementsPage />)} />
        <Route path="agreements/:id" element={page(<AgreementPage />)} />
        <Route path="simulations" element={page(<SimulationsPage />)} />
        <Route path="simulations/:id" element={page(<SimulationPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routed />
      </SessionProvider>
    </BrowserRouter>
  );
}
