/**
 * Two panes and a draggable separator (pointer or keyboard: arrows move it, Home/End jump), with the split
 * remembered per `id`. `min` keeps both panes usable on a 1366×768 laptop.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { splitRatios } from '../lib/storage.ts';

export interface SplitPaneProps {
  id: string;
  direction: 'horizontal' | 'vertical';
  /** Initial share of the first pane, 0..1. */
  initial: number;
  /** Minimum size of either pane in pixels. */
  min?: number;
  label: string;
  children: [ReactNode, ReactNode];
}

export function SplitPane({ id, direction, initial, min = 160, label, children }: SplitPaneProps) {
  const [ratio, setRatio] = useState(() => splitRatios.get(id) ?? initial);
  const box = useRef<HTMLDivElement>(null);
  const horizontal = direction === 'horizontal';

  useEffect(() => splitRatios.set(id, ratio), [id, ratio]);

  const clamp = useCallback(
    (r: number): number => {
      const el = box.current;
      const size = el ? (horizontal ? el.clientWidth : el.clientHeight) : 1000;
      const lo = Math.min(0.45, min / Math.max(1, size));
      return Math.min(1 - lo, Math.max(lo, r));
    },
    [horizontal, min],
  );

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>): void => {
    const el = box.current;
    if (!el) return;
    e.preventDefault();
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const rect = el.getBoundingClientRect();
    const move = (ev: PointerEvent): void => {
      const r = horizontal ? (ev.clientX - rect.left) / rect.width : (ev.clientY - rect.top) / rect.height;
      setRatio(clamp(r));
    };
    const up = (): void => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      document.body.classList.remove('dragging');
    };
    document.body.classList.add('dragging');
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    const step = e.shiftKey ? 0.1 : 0.02;
    const back = horizontal ? 'ArrowLeft' : 'ArrowUp';
    const fwd = horizontal ? 'ArrowRight' : 'ArrowDown';
    if (e.key === back) setRatio((r) => clamp(r - step));
    else if (e.key === fwd) setRatio((r) => clamp(r + step));
    else if (e.key === 'Home') setRatio(clamp(0));
    else if (e.key === 'End') setRatio(clamp(1));
    else return;
    e.preventDefault();
  };

  const first = `${(ratio * 100).toFixed(2)}%`;
  return (
    <div className={`split split-${direction}`} ref={box}>
      <div className="split-pane" style={horizontal ? { width: first } : { height: first }}>
        {children[0]}
      </div>
      <div
        className="split-handle"
        role="separator"
        tabIndex={0}
        aria-label={label}
        aria-orientation={horizontal ? 'vertical' : 'horizontal'}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(ratio * 100)}
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
        onDoubleClick={() => setRatio(clamp(initial))}
      />
      <div className="split-pane split-rest">{children[1]}</div>
    </div>
  );
}
