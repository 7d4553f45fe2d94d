// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { hasMath, renderMarkdown } from './markdown.ts';

describe('statement markdown', () => {
  it('renders code blocks and sanitises HTML', async () => {
    const html = await renderMarkdown(
      '# Title\n\n```ts\nconst a = 1 < 2;\n```\n\n<img src=x onerror="alert(1)"> <script>alert(2)</script>',
    );
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<pre><code class="language-ts">');
    expect(html).not.toMatch(/onerror|<script/);
  });

  it('renders $…$ math with KaTeX, but not dollars inside code', async () => {
    expect(hasMath('cost `$x$` in code')).toBe(false);
    expect(hasMath('softmax $e^{x_i}$ here')).toBe(true);
    const html = await renderMarkdown('softmax $e^{x_i} / \\sum_j e^{x_j}$ and `$notmath$`\n\n$$\nO(V \\log V)\n$$\n');
    expect(html).toContain('class="katex"');
    expect(html).toContain('katex-display');
    expect(html).toContain('<code>$notmath$</code>');
  });
});
