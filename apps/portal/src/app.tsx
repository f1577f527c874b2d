import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { homePathOf, Layout } from './components/layout';
import { Loading } from './components/states';
import { HomePage } from './pages/home-page';
import { NotFoundPage } from './pages/not-found-page';
import { SignInPage } from './pages/sign-in-page';
import { SimulationsPage } from './pages/simulations-page';

// Charts (Recharts) load with the simulation page only, outside the initial bundle budget.
const SimulationPage = lazy(() => import('./pages/simulation-page'));
import { SessionProvider, useSession } from './session-context';

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
        <Route path="home" element={<HomePage />} />
        <Route path="simulations" element={<SimulationsPage />} />
        <Route
          path="simulations/:id"
          element={
            <Suspense fallback={<Loading what="the simulation" />}>
              <SimulationPage />
            </Suspense>
          }
        />
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
