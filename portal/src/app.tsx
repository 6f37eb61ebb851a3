import { SessionProvider } from './auth/session-context';
import { SignInPage } from './layout/sign-in-page';
import { Shell } from './layout/shell';
import { ROUTES } from './pages/routes';
import { matchRoute, useRoute } from './router/use-route';
import { Empty } from './components/ui';

function Routed() {
  const path = useRoute();
  const target = path === '/' ? '/catalog' : path;
  for (const route of ROUTES) {
    const params = matchRoute(route.pattern, target);
    if (params !== null) {
      return (
        <Shell routes={ROUTES} path={target}>
          {route.render(params)}
        </Shell>
      );
    }
  }
  return (
    <Shell routes={ROUTES} path={target}>
      <Empty>
        There is no page at {target}. <a href="#/catalog">Go to the catalog</a>.
      </Empty>
    </Shell>
  );
}

export function App() {
  return (
    <SessionProvider signIn={(done) => <SignInPage onSignedIn={done} />}>
      <Routed />
    </SessionProvider>
  );
}
