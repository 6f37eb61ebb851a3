import { useState, type ReactNode } from 'react';
import { useSession } from '../auth/session-context';
import { Button } from '../components/ui';
import type { PageRoute } from '../pages/routes';
import { applyTheme, storedTheme, type Theme } from './theme';

/** Header (project, theme, who is signed in), navigation of the pages the role may see, and the page. */
export function Shell(props: { routes: readonly PageRoute[]; path: string; children: ReactNode }) {
  const session = useSession();
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const [menuOpen, setMenuOpen] = useState(false);
  const visible = props.routes.filter((route) => route.nav !== undefined && (route.visible?.(session) ?? true));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Button
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </Button>
        <a className="brand" href="#/">
          Hangar
        </a>
        <label className="project-picker">
          <span>Project</span>
          <select
            value={session.project ?? ''}
            onChange={(event) => session.selectProject(event.target.value)}
            disabled={session.projects.length === 0}
          >
            {session.projects.length === 0 ? <option value="">No projects yet</option> : null}
            {session.projects.map((project) => (
              <option key={project.id} value={project.name}>
                {project.name}
              </option>
            ))}
          </select>
        </label>
        <label className="theme-picker">
          <span>Theme</span>
          <select
            value={theme}
            onChange={(event) => {
              const next = event.target.value as Theme;
              setTheme(next);
              applyTheme(next);
            }}
          >
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <span className="who">
          {session.me.email ?? (session.me.kind === 'operator' ? 'Operator' : 'Key')}
          {session.me.platform_admin ? ' · platform admin' : ''}
        </span>
        <Button onClick={() => void session.signOut()}>Sign out</Button>
      </header>
      <nav id="nav" className={menuOpen ? 'nav open' : 'nav'} aria-label="Pages">
        <ul>
          {visible.map((route) => {
            const href = `#${route.nav!.href}`;
            const current = props.path === route.nav!.href || props.path.startsWith(`${route.nav!.href}/`);
            return (
              <li key={route.pattern}>
                <a href={href} aria-current={current ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
                  {route.title}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}
