/** The user's own inputs for Run: JSON `{ "fn": ..., "args": [...] }` objects, checked as they are typed. */
import { useMemo } from 'react';
import type { ProblemDetail } from '../lib/api.ts';
import { parseCustomInputs } from '../engine/parse-custom.ts';
import { reviveTags, tagForJson } from '../../../harness/src/codec.ts';

export function exampleCustomInputs(problem: ProblemDetail): string {
  const examples = problem.entries.map((e) => {
    const sample = problem.samples
      .map((s) => reviveTags(s.input) as { fn?: string; args?: unknown[] })
      .find((i) => i.fn === e.name && Array.isArray(i.args));
    return { fn: e.name, args: sample?.args ? tagForJson(sample.args) : [] };
  });
  return `[\n${examples.map((x) => `  ${JSON.stringify(x)}`).join(',\n')}\n]`;
}

export function CustomInputs({
  problem,
  text,
  onChange,
}: {
  problem: ProblemDetail;
  text: string;
  onChange: (text: string) => void;
}) {
  const parsed = useMemo(
    () =>
      parseCustomInputs(
        text,
        problem.entries.map((e) => e.name),
      ),
    [text, problem],
  );
  return (
    <div className="custom-inputs">
      <p className="muted small">
        Inputs of your own, run with the samples when you press Run. JSON: one{' '}
        <code>{'{ "fn": name, "args": [...] }'}</code> or a list of them. Non-finite numbers are written{' '}
        <code>{'{"$num": "-Infinity"}'}</code>. They have no expected output: you see what your code returns.
      </p>
      <label htmlFor="custom-input-text" className="field-label">
        Custom inputs
      </label>
      <textarea
        id="custom-input-text"
        className="custom-text"
        spellCheck={false}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        placeholder={exampleCustomInputs(problem)}
        aria-invalid={!parsed.ok}
        aria-describedby="custom-input-status"
        rows={6}
      />
      <div className="custom-actions">
        <span
          id="custom-input-status"
          className={parsed.ok ? 'muted small' : 'error-text small'}
          role={parsed.ok ? undefined : 'alert'}
        >
          {parsed.ok
            ? parsed.inputs.length
              ? `${parsed.inputs.length} custom input${parsed.inputs.length > 1 ? 's' : ''} will run with the samples.`
              : 'No custom inputs.'
            : parsed.message}
        </span>
        <button type="button" className="btn small" onClick={() => onChange(exampleCustomInputs(problem))}>
          Insert an example
        </button>
        {text ? (
          <button type="button" className="btn small" onClick={() => onChange('')}>
            Clear
          </button>
        ) : null}
      </div>
    </div>
  );
}
