/**
 * Mutants of a reference solution for `judge check --mutants` (issue 12 §2): small plausible bugs, found on the
 * TypeScript AST (the compiler API: esbuild gives no syntax tree) and applied by splicing the source text, so a
 * mutant reads exactly like the reference with one slip and its diff is one line.
 *
 * Operators (the classic ones of mutation testing, PIT and Stryker, restricted to what a hurried candidate writes):
 *   boundary      `<` ↔ `<=`, `>` ↔ `>=`
 *   equality      `===` ↔ `!==`, `==` ↔ `!=`
 *   swap          operands of `-`, `/` and of a comparison (`a < b` → `b < a`)
 *   arithmetic    `+` ↔ `-`, `*` ↔ `/`, `+=` ↔ `-=`, `++` ↔ `--`
 *   logical       `&&` ↔ `||`, `!x` → `x`
 *   constant      an integer ±1, another number ×2 and ÷2, `true` ↔ `false`
 *   index         `a[i]` → `a[i + 1]`, `a[i - 1]`
 *   math          `Math.max` ↔ `Math.min`, `Math.floor` ↔ `Math.ceil`
 *   drop          an expression statement, `continue` or `break` removed
 * Nothing inside types, `throw` statements (any throw passes an error test, so a changed message is equivalent) or
 * `console` calls is mutated; string literals are left alone (they are messages and keys).
 */
import type * as TS from 'typescript';
import { ERROR_CODES, JudgeError } from '../errors.ts';
import { createRng } from '../rng.ts';

export type TypeScriptApi = typeof TS;

export type MutationOperator =
  'boundary' | 'equality' | 'swap' | 'arithmetic' | 'logical' | 'constant' | 'index' | 'math' | 'drop';

export interface Mutant {
  /** Position in the full list of mutants of this source (stable for a given source). */
  id: number;
  operator: MutationOperator;
  /** The replaced range of the source and its replacement. */
  start: number;
  end: number;
  replacement: string;
  /** 1-based line of `start`. */
  line: number;
  /** What changed, e.g. "`<` → `<=`". */
  description: string;
}

/** The TypeScript compiler API, loaded on demand: only mutation testing needs it (a devDependency). */
export async function loadTypeScript(): Promise<TypeScriptApi> {
  try {
    const mod = (await import('typescript')) as TypeScriptApi & { default?: TypeScriptApi };
    return mod.default ?? mod;
  } catch (e) {
    throw new JudgeError(
      ERROR_CODES.BAD_OPTION,
      `mutation testing needs the \`typescript\` package (npm install): ${(e as Error).message}`,
    );
  }
}

const SWAPPED_OPERATORS: Record<string, [string, MutationOperator][]> = {
  '<': [['<=', 'boundary']],
  '<=': [['<', 'boundary']],
  '>': [['>=', 'boundary']],
  '>=': [['>', 'boundary']],
  '===': [['!==', 'equality']],
  '!==': [['===', 'equality']],
  '==': [['!=', 'equality']],
  '!=': [['==', 'equality']],
  '+': [['-', 'arithmetic']],
  '-': [['+', 'arithmetic']],
  '*': [['/', 'arithmetic']],
  '/': [['*', 'arithmetic']],
  '&&': [['||', 'logical']],
  '||': [['&&', 'logical']],
  '+=': [['-=', 'arithmetic']],
  '-=': [['+=', 'arithmetic']],
};
/** Operators whose operands are swapped (not commutative). */
const SWAP_OPERANDS = new Set(['-', '/', '<', '<=', '>', '>=']);
const MATH_SWAPS: Record<string, string> = { max: 'min', min: 'max', floor: 'ceil', ceil: 'floor' };

/** Every mutant of `source`, in source order, without duplicates (two edits giving the same text count once). */
export function findMutants(ts: TypeScriptApi, source: string): Mutant[] {
  const sf = ts.createSourceFile('solution.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: Omit<Mutant, 'id' | 'line'>[] = [];
  const add = (operator: MutationOperator, start: number, end: number, replacement: string, description: string) =>
    found.push({ operator, start, end, replacement, description });
  const text = (n: TS.Node): string => source.slice(n.getStart(sf), n.end);
  /** An operand's text, parenthesised unless it is a primary expression (so a swap keeps its meaning). */
  const operand = (n: TS.Node): string =>
    ts.isIdentifier(n) ||
    ts.isNumericLiteral(n) ||
    ts.isStringLiteral(n) ||
    ts.isPropertyAccessExpression(n) ||
    ts.isElementAccessExpression(n) ||
    ts.isCallExpression(n) ||
    ts.isParenthesizedExpression(n) ||
    ts.isNonNullExpression(n) ||
    n.kind === ts.SyntaxKind.ThisKeyword
      ? text(n)
      : `(${text(n)})`;
  const isStringy = (n: TS.Node): boolean =>
    ts.isStringLiteral(n) || ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n);
  const isConsoleCall = (n: TS.Node): boolean =>
    ts.isCallExpression(n) &&
    ts.isPropertyAccessExpression(n.expression) &&
    ts.isIdentifier(n.expression.expression) &&
    n.expression.expression.text === 'console';
  const fmtNumber = (v: number): string => (Object.is(v, -0) ? '0' : String(v));

  const visit = (node: TS.Node): void => {
    if (ts.isTypeNode(node) || ts.isThrowStatement(node)) return;
    if (
      ts.isInterfaceDeclaration(node) ||
      ts.isTypeAliasDeclaration(node) ||
      ts.isImportDeclaration(node) ||
      ts.isExportDeclaration(node)
    )
      return;
    if (isConsoleCall(node) || (ts.isExpressionStatement(node) && isConsoleCall(node.expression))) return;

    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.getText(sf);
      const stringConcat = (op === '+' || op === '+=') && (isStringy(node.left) || isStringy(node.right));
      if (!stringConcat) {
        for (const [to, kind] of SWAPPED_OPERATORS[op] ?? [])
          add(kind, node.operatorToken.getStart(sf), node.operatorToken.end, to, `\`${op}\` → \`${to}\``);
      }
      if (SWAP_OPERANDS.has(op))
        add(
          'swap',
          node.getStart(sf),
          node.end,
          `${operand(node.right)} ${op} ${operand(node.left)}`,
          `operands of \`${op}\` swapped`,
        );
    } else if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
      const op = node.operator;
      if (op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken) {
        const [from, to] = op === ts.SyntaxKind.PlusPlusToken ? ['++', '--'] : ['--', '++'];
        add(
          'arithmetic',
          node.getStart(sf),
          node.end,
          ts.isPrefixUnaryExpression(node) ? `${to}${text(node.operand)}` : `${text(node.operand)}${to}`,
          `\`${from}\` → \`${to}\``,
        );
      } else if (ts.isPrefixUnaryExpression(node) && op === ts.SyntaxKind.ExclamationToken) {
        add('logical', node.getStart(sf), node.end, operand(node.operand), '`!` dropped');
      }
    } else if (ts.isNumericLiteral(node) && !isName(ts, node)) {
      const v = Number(node.text);
      const at = node.getStart(sf);
      const negated = (n: number) => (n < 0 ? `(${fmtNumber(n)})` : fmtNumber(n));
      if (Number.isInteger(v) && Math.abs(v) < 2 ** 53) {
        add('constant', at, node.end, negated(v + 1), `${node.text} → ${v + 1}`);
        add('constant', at, node.end, negated(v - 1), `${node.text} → ${v - 1}`);
      } else if (Number.isFinite(v)) {
        add('constant', at, node.end, fmtNumber(v * 2), `${node.text} → ${fmtNumber(v * 2)}`);
        add('constant', at, node.end, fmtNumber(v / 2), `${node.text} → ${fmtNumber(v / 2)}`);
      }
    } else if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
      const to = node.kind === ts.SyntaxKind.TrueKeyword ? 'false' : 'true';
      add('constant', node.getStart(sf), node.end, to, `${text(node)} → ${to}`);
    } else if (ts.isElementAccessExpression(node)) {
      const arg = node.argumentExpression;
      if (!ts.isStringLiteralLike(arg) && !ts.isNumericLiteral(arg)) {
        const a = operand(arg);
        add('index', arg.getStart(sf), arg.end, `${a} + 1`, `index ${text(arg)} → ${a} + 1`);
        add('index', arg.getStart(sf), arg.end, `${a} - 1`, `index ${text(arg)} → ${a} - 1`);
      }
    } else if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'Math' &&
      MATH_SWAPS[node.name.text]
    ) {
      const to = MATH_SWAPS[node.name.text] as string;
      add('math', node.name.getStart(sf), node.name.end, to, `Math.${node.name.text} → Math.${to}`);
    } else if (
      (ts.isExpressionStatement(node) && !ts.isStringLiteral(node.expression)) ||
      ts.isContinueStatement(node) ||
      ts.isBreakStatement(node)
    ) {
      // `;` keeps the statement position valid (`if (x) y();` → `if (x) ;`).
      add('drop', node.getStart(sf), node.end, ';', `statement \`${oneLine(text(node))}\` dropped`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);

  const seen = new Set<string>();
  const mutants: Mutant[] = [];
  for (const m of found.sort((a, b) => a.start - b.start || a.end - b.end)) {
    const mutated = applyMutant(source, m);
    if (mutated === source || seen.has(mutated)) continue;
    seen.add(mutated);
    mutants.push({ ...m, id: mutants.length, line: sf.getLineAndCharacterOfPosition(m.start).line + 1 });
  }
  return mutants;
}

/** A numeric literal used as a name (`{ 0: x }`, `case` labels are values and stay mutable). */
function isName(ts: TypeScriptApi, node: TS.Node): boolean {
  const p = node.parent;
  return (
    (ts.isPropertyAssignment(p) && p.name === node) ||
    (ts.isPropertyDeclaration(p) && p.name === node) ||
    (ts.isMethodDeclaration(p) && p.name === node) ||
    ts.isEnumMember(p) ||
    ts.isLiteralTypeNode(p)
  );
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

export function applyMutant(source: string, m: Pick<Mutant, 'start' | 'end' | 'replacement'>): string {
  return source.slice(0, m.start) + m.replacement + source.slice(m.end);
}

/**
 * At most `cap` mutants, sampled deterministically (the same source and seed give the same sample), in source
 * order: a problem's mutation run stays within a budget whatever the size of its reference.
 */
export function sampleMutants(mutants: Mutant[], cap: number, seed: number): Mutant[] {
  if (mutants.length <= cap) return mutants;
  const picked = createRng(seed)
    .shuffle([...mutants])
    .slice(0, cap);
  return picked.sort((a, b) => a.id - b.id);
}

/** A unified diff of a mutant against the source, with one line of context before and after. */
export function mutantDiff(source: string, m: Pick<Mutant, 'start' | 'end' | 'replacement'>, file: string): string {
  const mutated = applyMutant(source, m);
  const oldLines = source.split('\n');
  const newLines = mutated.split('\n');
  const first = source.slice(0, m.start).split('\n').length - 1;
  const oldLast = source.slice(0, m.end).split('\n').length - 1;
  const newLast = mutated.slice(0, m.start + m.replacement.length).split('\n').length - 1;
  const from = Math.max(0, first - 1);
  const oldTo = Math.min(oldLines.length - 1, oldLast + 1);
  const newTo = Math.min(newLines.length - 1, newLast + 1);
  const out = [`--- ${file}`, `+++ ${file} (mutant)`];
  out.push(`@@ -${from + 1},${oldTo - from + 1} +${from + 1},${newTo - from + 1} @@`);
  for (let i = from; i < first; i++) out.push(` ${oldLines[i]}`);
  for (let i = first; i <= oldLast; i++) out.push(`-${oldLines[i]}`);
  for (let i = first; i <= newLast; i++) out.push(`+${newLines[i]}`);
  for (let i = oldLast + 1; i <= oldTo; i++) out.push(` ${oldLines[i]}`);
  return out.join('\n');
}
