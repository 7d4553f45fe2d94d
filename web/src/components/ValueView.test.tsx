// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { InputView, ValueView } from './ValueView.tsx';

afterEach(cleanup);

describe('ValueView', () => {
  it('shortens long arrays but keeps the highlighted element in view', () => {
    const value = Array.from({ length: 5000 }, (_, i) => i);
    const { container } = render(<ValueView value={value} highlight="out[2500]" />);
    expect(container.querySelector('mark.value-hl')?.textContent).toBe('2500');
    expect(container.textContent).toContain('more …');
    expect(container.textContent!.length).toBeLessThan(2000);
  });

  it('highlights nested paths, object keys and whole nodes for a length difference', () => {
    const { container, rerender } = render(
      <ValueView value={{ conflicts: [{ version: '1.2.0' }], 'odd key': -0 }} highlight="out.conflicts[0].version" />,
    );
    expect(container.querySelector('mark.value-hl')?.textContent).toBe('"1.2.0"');
    expect(container.textContent).toContain('-0');
    rerender(<ValueView value={[[1, 2], [3]]} highlight="out[1].length" />);
    expect(container.querySelector('mark.value-hl')?.textContent).toBe('[3]');
  });

  it('shows an input as a call', () => {
    const { container } = render(<InputView input={{ fn: 'encode', args: ['héllo', [[1, 2]], NaN] }} />);
    expect(container.textContent).toBe('encode("héllo", [[1, 2]], NaN)');
  });
});
