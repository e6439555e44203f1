import { useLocation, useSearch } from 'wouter';

/**
 * The conversation's step is in the address (`?step=2`, counting from 1), so a reload, the shared
 * screen and the conversation all stay on the same step. Anything out of range is the nearest step.
 */
export function stepFromSearch(search: string, stepCount: number): number {
  const asked = Number.parseInt(new URLSearchParams(search).get('step') ?? '', 10);
  if (!Number.isFinite(asked) || asked < 1) return 1;
  return Math.min(asked, Math.max(stepCount, 1));
}

/** The step shown now, and a way to show another on a screen under /plan (`screen` is `/conversation` or `/shared`). */
export function useGuideStep(stepCount: number, screen: '/conversation' | '/shared') {
  const search = useSearch();
  const [, navigate] = useLocation();
  const stepNumber = stepFromSearch(search, stepCount);
  const showStep = (target: number) => navigate(`${screen}?step=${target}`);
  return { stepNumber, showStep };
}
