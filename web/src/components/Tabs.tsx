/** A row of tabs (WAI-ARIA tabs pattern: arrow keys move between them); the panel is the caller's `${idPrefix}-panel`. */
export interface TabsProps<T extends string> {
  value: T;
  options: Array<[T, string]>;
  onChange: (v: T) => void;
  label: string;
  idPrefix: string;
}

export function Tabs<T extends string>({ value, options, onChange, label, idPrefix }: TabsProps<T>) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {options.map(([v, text]) => (
        <button
          key={v}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${v}`}
          aria-selected={value === v}
          aria-controls={`${idPrefix}-panel`}
          tabIndex={value === v ? 0 : -1}
          className={`tab ${value === v ? 'active' : ''}`}
          onClick={() => onChange(v)}
          onKeyDown={(e) => {
            const i = options.findIndex(([o]) => o === value);
            const next =
              e.key === 'ArrowRight'
                ? options[(i + 1) % options.length]
                : e.key === 'ArrowLeft'
                  ? options[(i - 1 + options.length) % options.length]
                  : null;
            if (next) {
              e.preventDefault();
              onChange(next[0]);
              document.getElementById(`${idPrefix}-tab-${next[0]}`)?.focus();
            }
          }}
        >
          {text}
        </button>
      ))}
    </div>
  );
}
