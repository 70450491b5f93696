import type { Role } from '@marketlens/contracts';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { SideNav } from './side-nav';

afterEach(cleanup);

function renderNav(role: Role) {
  render(
    <MemoryRouter initialEntries={['/data']}>
      <SideNav role={role} />
    </MemoryRouter>,
  );
}

describe('SideNav', () => {
  it('hides Users from a viewer but shows Data and their own API keys', () => {
    renderNav('viewer');
    expect(screen.queryByTestId('nav-users'), 'viewers must not see user management').toBeNull();
    expect(screen.queryByTestId('nav-ops'), 'viewers must not see the Ops page').toBeNull();
    expect(screen.getByTestId('nav-data').getAttribute('href')).toBe('/data');
    expect(screen.getByTestId('nav-api-keys').getAttribute('href')).toBe('/api-keys');
    expect(screen.getByTestId('nav-signals').getAttribute('href'), 'viewers read the signals').toBe('/signals');
    expect(screen.getByTestId('nav-alerts').getAttribute('href'), 'every user has their own alerts').toBe('/alerts');
    expect(screen.getByTestId('nav-screener').getAttribute('href'), 'viewers screen too').toBe('/screener');
    expect(screen.getByTestId('nav-memecoins').getAttribute('href'), 'viewers read the radar').toBe('/memecoins');
  });

  it('hides Users from an analyst', () => {
    renderNav('analyst');
    expect(screen.queryByTestId('nav-users')).toBeNull();
    expect(screen.queryByTestId('nav-ops'), 'Ops is for admins').toBeNull();
    expect(screen.getByTestId('nav-data')).toBeTruthy();
  });

  it('shows Users and Ops to an admin, in nav order', () => {
    renderNav('admin');
    const links = screen.getAllByRole('link').map((a) => a.textContent);
    expect(links).toEqual([
      'Data',
      'Regimes',
      'Forecasts',
      'Models',
      'Signals',
      'Screener',
      'Meme Radar',
      'Alerts',
      'Users',
      'API keys',
      'Ops',
    ]);
    expect(screen.getByTestId('nav-ops').getAttribute('href')).toBe('/ops');
  });

  it('marks the current page as active', () => {
    renderNav('admin');
    expect(screen.getByTestId('nav-data').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-users').getAttribute('aria-current')).toBeNull();
  });
});
