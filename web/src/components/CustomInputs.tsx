/**
 * The user's own inputs for Run: JSON `{ "fn": ..., "args": [...] }` objects, checked as they are typed. Where the
 * workspace offers it (issue 15 §1), *Show expected outputs* asks the server for the reference's output on each (or
 * the validator's message for an input outside the constraints); an input with an expected output is then checked
 * when you Run, like a sample.
 */
import { useMemo } from 'react';
import type { ProblemDetail } from '../lib/api.ts';
import { customInputKey, parseCustomInputs } from '../engine/parse-custom.ts';
import type { ExpectedOutputsState } from '../hooks/useFeedback.ts';
import { reviveTags, tagForJson } from '../../../harness/src/codec.ts';
import { InputView, ValueView } from './ValueView.tsx';

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
  expected,
}: {
  problem: ProblemDetail;
  text: string;
  onChange: (text: string) => void;
  /** The reference's outputs, when the workspace offers them. */
  expected?: ExpectedOutputsState;
}) {
  const offered = expected?.enabled === true;
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
        <code>{'{"$num": "-Infinity"}'}</code>.{' '}
        {offered
          ? 'Show expected outputs asks the server for the reference solution’s output on each; those inputs are then checked when you Run.'
          : 'They have no expected output: you see what your code returns.'}
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
        {offered ? (
          <button
            type="button"
            className="btn small primary"
            onClick={() => void expected.request()}
            disabled={!parsed.ok || parsed.inputs.length === 0 || expected.loading}
            title="The reference solution's output for each input, computed on the server"
          >
            {expected.loading ? 'Asking…' : 'Show expected outputs'}
          </button>
        ) : null}
      </div>
      {offered && expected.error ? (
        <p className="error-text small" role="alert">
          {expected.error}
        </p>
      ) : null}
      {offered && parsed.ok && parsed.inputs.some((c) => expected.outputs.has(customInputKey(c))) ? (
        <ol className="expected-list" aria-label="Expected outputs">
          {parsed.inputs.map((c, i) => {
            const answer = expected.outputs.get(customInputKey(c));
            return (
              <li key={i} className={`expected-item ${answer?.status ?? 'unknown'}`} data-status={answer?.status}>
                <InputView input={{ fn: c.fn, args: reviveTags(c.args) }} />
                {!answer ? (
                  <span className="muted small">not asked yet (press Show expected outputs)</span>
                ) : answer.status === 'ok' ? (
                  <div className="field">
                    <div className="field-label">Expected (reference)</div>
                    <ValueView value={answer.expected} highlight={null} label="expected output" />
                  </div>
                ) : (
                  <p className="error-text small" role="note">
                    {answer.status === 'invalid' ? 'Not a valid input: ' : ''}
                    {answer.message}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      ) : null}
    </div>
  );
}
