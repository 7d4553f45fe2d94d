import { useEffect, useState } from 'react';
import { renderMarkdown } from '../lib/markdown.ts';
import { errorText } from '../lib/format.ts';

/** A problem statement, rendered from Markdown and sanitised (see lib/markdown.ts). */
export function Statement({ markdown }: { markdown: string }) {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    renderMarkdown(markdown).then(
      (h) => live && setHtml(h),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [markdown]);
  if (error) return <pre className="statement-fallback">{markdown}</pre>;
  if (html === null) return <div className="statement loading" aria-busy="true" />;
  return <article className="statement" dangerouslySetInnerHTML={{ __html: html }} />;
}
