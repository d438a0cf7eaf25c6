// A static check that a .vue file shows no literal user-visible text: every text node of its
// <template> and every unbound user-visible attribute (label="..", placeholder="..", ...) must
// be free of letters and CJK characters, which means the text comes through $t / t(.
// Script blocks are checked for ElMessage / ElMessageBox / ElNotification called with a literal.

export interface Violation {
  line: number;
  kind: 'text' | 'attribute' | 'script';
  text: string;
}

// Attributes whose value a user reads.
export const VISIBLE_ATTRIBUTES = new Set([
  'label', 'placeholder', 'title', 'alt', 'aria-label', 'content', 'description', 'text',
  'confirm-button-text', 'cancel-button-text', 'empty-text', 'active-text', 'inactive-text',
  'start-placeholder', 'end-placeholder', 'range-separator', 'sub-title', 'header', 'tooltip',
  'no-data-text', 'no-match-text', 'loading-text', 'prefix', 'suffix',
]);

// Letters of any script (Latin, CJK, ...): a text that has one is words a user reads.
const WORDS = /[\p{L}]/u;

function lineAt(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < source.length; i++) if (source[i] === '\n') line++;
  return line;
}

// The inside of the outermost <template> block and its offset in `source`, or null.
export function templateOf(source: string): { body: string; offset: number } | null {
  const open = /<template(\s[^>]*)?>/.exec(source);
  if (!open) return null;
  const close = source.lastIndexOf('</template>');
  if (close < open.index) return null;
  const start = open.index + open[0].length;
  return { body: source.slice(start, close), offset: start };
}

function checkText(text: string, at: number, source: string, out: Violation[]): void {
  const stripped = text.replace(/&[a-zA-Z]+;|&#\d+;/g, ' ');
  if (WORDS.test(stripped)) out.push({ line: lineAt(source, at), kind: 'text', text: text.trim() });
}

// Checks the attributes of one start tag (the text between the tag name and '>').
function checkAttributes(attrs: string, at: number, source: string, out: Violation[]): void {
  const re = /([^\s=/"']+)(?:\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(attrs)) !== null) {
    const name = m[1];
    const value = m[3] ?? m[4] ?? m[5];
    if (value === undefined) continue;
    if (name.startsWith(':') || name.startsWith('v-') || name.startsWith('@') || name.startsWith('#')) continue;
    if (!VISIBLE_ATTRIBUTES.has(name.toLowerCase())) continue;
    if (WORDS.test(value)) out.push({ line: lineAt(source, at + m.index), kind: 'attribute', text: `${name}="${value}"` });
  }
}

// Scans the template: text nodes (outside {{ }}), comments skipped, <pre>/<code> text not
// exempt; each start tag's attributes checked.
function checkTemplate(source: string, out: Violation[]): void {
  const tpl = templateOf(source);
  if (!tpl) return;
  const { body, offset } = tpl;
  let i = 0;
  let textStart = 0;
  let text = '';
  const flush = () => {
    if (text.trim()) checkText(text, offset + textStart, source, out);
    text = '';
  };
  while (i < body.length) {
    if (body.startsWith('<!--', i)) {
      flush();
      const end = body.indexOf('-->', i + 4);
      i = end < 0 ? body.length : end + 3;
      textStart = i;
      continue;
    }
    if (body.startsWith('{{', i)) {
      const end = body.indexOf('}}', i + 2);
      text += ' ';
      i = end < 0 ? body.length : end + 2;
      continue;
    }
    if (body[i] === '<' && /[a-zA-Z/]/.test(body[i + 1] ?? '')) {
      flush();
      // Read to the '>' that closes the tag, skipping quoted attribute values.
      let j = i + 1;
      let quote: string | null = null;
      while (j < body.length) {
        const c = body[j];
        if (quote) {
          if (c === quote) quote = null;
        } else if (c === '"' || c === "'") {
          quote = c;
        } else if (c === '>') {
          break;
        }
        j++;
      }
      const tag = body.slice(i + 1, j);
      if (!tag.startsWith('/')) {
        const nameEnd = tag.search(/[\s/>]|$/);
        checkAttributes(tag.slice(nameEnd), offset + i + 1 + nameEnd, source, out);
      }
      i = j + 1;
      textStart = i;
      continue;
    }
    if (!text) textStart = i;
    text += body[i];
    i++;
  }
  flush();
}

function checkScripts(source: string, out: Violation[]): void {
  const blocks = /<script[^>]*>([\s\S]*?)<\/script>/g;
  let b: RegExpExecArray | null;
  while ((b = blocks.exec(source)) !== null) {
    const code = b[1];
    const start = b.index + b[0].indexOf(code);
    const calls = /\bEl(?:Message|MessageBox|Notification)(?:\.\w+)?\(\s*(['"`])((?:(?!\1).)*)\1/g;
    let m: RegExpExecArray | null;
    while ((m = calls.exec(code)) !== null) {
      if (WORDS.test(m[2])) out.push({ line: lineAt(source, start + m.index), kind: 'script', text: m[0] });
    }
  }
}

// All literal user-visible texts of one .vue source.
export function findLiteralTexts(source: string): Violation[] {
  const out: Violation[] = [];
  checkTemplate(source, out);
  checkScripts(source, out);
  return out;
}
