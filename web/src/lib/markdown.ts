/**
 * Problem statements: Markdown (marked) with `$…$` and `$$…$$` math (KaTeX, loaded only when a statement has
 * math), sanitised with DOMPurify before it reaches the page.
 */
import DOMPurify from 'dompurify';
import { Marked, type TokenizerAndRendererExtension } from 'marked';

type Katex = typeof import('katex');
let katexModule: Promise<Katex> | null = null;

function mathExtensions(katex: Katex): TokenizerAndRendererExtension[] {
  const render = (tex: string, displayMode: boolean): string =>
    katex.renderToString(tex, { displayMode, throwOnError: false, output: 'html', strict: 'ignore' });
  return [
    {
      name: 'mathBlock',
      level: 'block',
      start: (src) => src.indexOf('$$'),
      tokenizer(src) {
        const m = /^\$\$([\s\S]+?)\$\$(?:\n|$)/.exec(src);
        return m ? { type: 'mathBlock', raw: m[0], text: m[1]!.trim() } : undefined;
      },
      renderer: (token) => `<div class="math-block">${render(String(token.text), true)}</div>`,
    },
    {
      name: 'mathInline',
      level: 'inline',
      start: (src) => src.indexOf('$'),
      tokenizer(src) {
        const m = /^\$(?!\s)((?:\\.|[^$\\\n])+?)(?<!\s)\$(?!\d)/.exec(src);
        return m ? { type: 'mathInline', raw: m[0], text: m[1]! } : undefined;
      },
      renderer: (token) => render(String(token.text), false),
    },
  ];
}

export function hasMath(markdown: string): boolean {
  // Only outside code: a `$` in a code span or block is code.
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return /\$[^$\n]+\$/.test(prose);
}

export async function renderMarkdown(markdown: string): Promise<string> {
  const marked = new Marked({ gfm: true, breaks: false });
  if (hasMath(markdown)) {
    katexModule ??= import('katex').then((m) => (m as unknown as { default?: Katex }).default ?? m);
    await import('katex/dist/katex.min.css');
    marked.use({ extensions: mathExtensions(await katexModule) });
  }
  const html = await marked.parse(markdown);
  return sanitize(html);
}

export function sanitize(html: string): string {
  // Fail closed: where DOMPurify cannot work (no DOM), the statement is shown escaped rather than unsanitised.
  if (!DOMPurify.isSupported)
    return `<pre>${html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</pre>`;
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true, mathMl: true, svg: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button'],
  });
}
