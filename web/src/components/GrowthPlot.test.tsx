// @vitest-environment happy-dom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { growthOf } from '../../../harness/src/check/growth.ts';
import { GrowthPlot } from './GrowthPlot.tsx';

describe('GrowthPlot', () => {
  it('draws the user and reference points with their exponents', () => {
    const growth = growthOf(
      [1000, 2000, 4000, 8000].map((n) => ({ n, steps: (n * n) / 1e5, referenceSteps: n / 100, capped: n === 8000 })),
    );
    const { container } = render(<GrowthPlot growth={growth} />);
    expect(container.querySelector('svg')?.getAttribute('aria-label')).toBe(
      'Steps against input size: yours grows like n^2.0, the reference like n^1.0',
    );
    expect(container.querySelectorAll('circle.plot-point.user')).toHaveLength(4);
    expect(container.querySelectorAll('circle.plot-point.reference')).toHaveLength(4);
    expect(container.querySelectorAll('circle.capped')).toHaveLength(1);
    expect(container.querySelector('figcaption')?.textContent).toContain('yours: n^2.0');
  });
  it('draws nothing for fewer than two points', () => {
    const { container } = render(
      <GrowthPlot
        growth={{
          points: [{ n: 10, steps: 5, referenceSteps: 1, capped: false }],
          exponent: null,
          referenceExponent: null,
        }}
      />,
    );
    expect(container.innerHTML).toBe('');
  });
});
