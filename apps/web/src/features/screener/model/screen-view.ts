import { SCREEN_VIEW_NAMES } from '@marketlens/contracts';

export type ScreenView = (typeof SCREEN_VIEW_NAMES)[number];

export const SCREEN_VIEWS: readonly ScreenView[] = SCREEN_VIEW_NAMES;

export const VIEW_LABELS: Readonly<Record<ScreenView, string>> = {
  overview: 'Overview',
  performance: 'Performance',
  technical: 'Technical',
  fundamental: 'Fundamental',
};

export function isScreenView(value: string | null | undefined): value is ScreenView {
  return (SCREEN_VIEW_NAMES as readonly string[]).includes(value ?? '');
}
