// The shell: navigation and routes. Chart pages load lazily so the log blades stay light.
import { lazy, Suspense } from 'react';
import { NavLink, Navigate, Route, Routes } from 'react-router-dom';
import { LogPage } from './logs/log-page.tsx';
import { auditView, csaAuditView, provisioningView, signUpView } from './logs/other-views.tsx';
import { signInView } from './logs/sign-in-view.tsx';
import { Loading } from './ui/states.tsx';
import { TokenBox } from './ui/token-box.tsx';

const FunnelPage = lazy(() => import('./pages/funnel-page.tsx'));
const UsagePage = lazy(() => import('./pages/usage-page.tsx'));
const WorkbooksPage = lazy(() => import('./pages/workbooks-page.tsx'));

const LOGS = [signInView, auditView, csaAuditView, provisioningView, signUpView];

export function App() {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <nav className="side" aria-label="Admin center">
        <div className="brand">idtrail</div>
        <p className="nav-group">Activity</p>
        {LOGS.map((v) => (
          <NavLink key={v.route} to={`/${v.route}`}>{v.title}</NavLink>
        ))}
        <p className="nav-group">Insights</p>
        <NavLink to="/sign-up-funnel">Sign-up funnel</NavLink>
        <NavLink to="/usage">Usage &amp; insights</NavLink>
        <NavLink to="/workbooks">Workbooks</NavLink>
        <TokenBox />
      </nav>
      <main id="main" className="content">
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Navigate to="/sign-ins" replace />} />
            {LOGS.map((v) => (
              <Route key={v.route} path={`/${v.route}`} element={<LogPage key={v.route} view={v} />} />
            ))}
            <Route path="/sign-up-funnel" element={<FunnelPage />} />
            <Route path="/usage" element={<UsagePage />} />
            <Route path="/workbooks" element={<WorkbooksPage />} />
            <Route path="*" element={<p className="state">Page not found.</p>} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
