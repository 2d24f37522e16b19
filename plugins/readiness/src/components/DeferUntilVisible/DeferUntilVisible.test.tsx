import { act, render, screen } from '@testing-library/react';
import { DeferUntilVisible } from './DeferUntilVisible';

describe('DeferUntilVisible', () => {
  afterEach(() => {
    delete (globalThis as any).IntersectionObserver;
  });

  it('renders at once where visibility cannot be observed', () => {
    render(<DeferUntilVisible>table</DeferUntilVisible>);
    expect(screen.getByText('table')).toBeInTheDocument();
  });

  it('renders once the content nears the viewport', () => {
    let report: (
      entries: Array<{ isIntersecting: boolean }>,
    ) => void = () => {};
    (globalThis as any).IntersectionObserver = class {
      constructor(callback: typeof report) {
        report = callback;
      }
      observe() {}
      disconnect() {}
    };

    render(<DeferUntilVisible>table</DeferUntilVisible>);
    expect(screen.queryByText('table')).not.toBeInTheDocument();

    act(() => report([{ isIntersecting: true }]));
    expect(screen.getByText('table')).toBeInTheDocument();
  });
});
