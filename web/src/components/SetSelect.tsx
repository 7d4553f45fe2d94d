/** A choice among the problem sets ("All problems" or one set), for the problem list and the screen form. */
import type { ProblemSet } from '../../../server/src/contract.ts';

export function SetSelect({
  sets,
  value,
  onChange,
  label,
  ariaLabel,
  className,
}: {
  sets: ProblemSet[];
  value: string;
  onChange: (id: string) => void;
  label: string;
  ariaLabel: string;
  className?: string;
}) {
  if (sets.length === 0) return null;
  return (
    <label className={className}>
      <span className={className ? undefined : 'filter-label'}>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={ariaLabel}>
        <option value="">All problems</option>
        {sets.map((x) => (
          <option key={x.id} value={x.id}>
            {x.title}
          </option>
        ))}
      </select>
    </label>
  );
}
