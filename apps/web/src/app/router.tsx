import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { Loading } from '../shared/ui/states';
import { AppLayout } from './layout/app-layout';

// One chunk per page, so the login screen does not download the chart library.
const LoginRoute = lazy(() => import('./routes/login-route'));
const DataPage = lazy(() => import('./routes/data-page'));
const RegimesPage = lazy(() => import('./routes/regimes-page'));
const ForecastsPage = lazy(() => import('./routes/forecasts-page'));
const ModelsPage = lazy(() => import('./routes/models-page'));
const SignalsPage = lazy(() => import('./routes/signals-page'));
const StrategyPage = lazy(() => import('./routes/strategy-page'));
const BacktestPage = lazy(() => import('./routes/backtest-page'));
const AlertsPage = lazy(() => import('./routes/alerts-page'));
const ScreenerPage = lazy(() => import('./routes/screener-page'));
const ScreenerChangesPage = lazy(() => import('./routes/screener-changes-page'));
const MemeRadarPage = lazy(() => import('./routes/meme-radar-page'));
const MemeTokenPage = lazy(() => import('./routes/meme-token-page'));
const UsersPage = lazy(() => import('./routes/users-page'));
const ApiKeysPage = lazy(() => import('./routes/api-keys-page'));
const OpsPage = lazy(() => import('./routes/ops-page'));
const NotFoundPage = lazy(() => import('./routes/not-found-page'));

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<Loading />}>
        <LoginRoute />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/data" replace /> },
      { path: 'data', element: <DataPage /> },
      { path: 'regimes', element: <RegimesPage /> },
      { path: 'forecasts', element: <ForecastsPage /> },
      { path: 'models', element: <ModelsPage /> },
      { path: 'signals', element: <SignalsPage /> },
      { path: 'signals/strategies/new', element: <StrategyPage /> },
      { path: 'signals/strategies/:id', element: <StrategyPage /> },
      { path: 'signals/backtests/:id', element: <BacktestPage /> },
      { path: 'screener', element: <ScreenerPage /> },
      { path: 'screener/changes', element: <ScreenerChangesPage /> },
      { path: 'memecoins', element: <MemeRadarPage /> },
      { path: 'memecoins/:address', element: <MemeTokenPage /> },
      { path: 'alerts', element: <AlertsPage /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'api-keys', element: <ApiKeysPage /> },
      { path: 'ops', element: <OpsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
