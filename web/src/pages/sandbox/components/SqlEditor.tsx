import { useEffect, useRef } from 'react';
import { basicSetup, EditorView } from 'codemirror';
import { EditorState, Prec } from '@codemirror/state';
import { keymap, placeholder as cmPlaceholder } from '@codemirror/view';
import {
  autocompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { PostgreSQL, sql } from '@codemirror/lang-sql';

/** A mounted view as the editor completes it: its name and its granted fields with their masking label. */
export interface MountedView {
  name: string;
  fields: { name: string; detail: string }[];
}

const KEYWORDS = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP BY',
  'ORDER BY',
  'HAVING',
  'LIMIT',
  'AS',
  'AND',
  'OR',
  'NOT',
  'IN',
  'IS NULL',
  'IS NOT NULL',
  'DISTINCT',
  'COUNT(*)',
  'COUNT(DISTINCT ',
  'SUM(',
  'AVG(',
  'CASE WHEN',
  'THEN',
  'ELSE',
  'END',
  'JOIN',
  'ON',
  'LIKE',
  'BETWEEN',
  'DESC',
  'ASC',
  'WITH',
];
// Chinese view and field names are identifiers too (lang-sql's own tokenizer stops at ASCII letters).
const WORD = /[\p{L}\p{N}_]+/u;
const WORD_OR_EMPTY = /^[\p{L}\p{N}_]*$/u;

/**
 * Completion of what this Workspace mounts, and nothing else (sandbox.md "SQL editor autocompleting only
 * mounted objects"): after `视图.` the view's fields; otherwise views, fields and SQL keywords.
 */
export function completionSource(views: MountedView[]) {
  const viewOptions: Completion[] = views.map((v) => ({ label: v.name, type: 'class', boost: 2 }));
  const fieldOptions = (v: MountedView): Completion[] =>
    v.fields.map((f) => ({ label: f.name, type: 'property', detail: f.detail, boost: 1 }));
  const keywordOptions: Completion[] = KEYWORDS.map((k) => ({ label: k, type: 'keyword' }));
  return (ctx: CompletionContext): CompletionResult | null => {
    const word = ctx.matchBefore(WORD);
    const from = word ? word.from : ctx.pos;
    const before = ctx.state.sliceDoc(Math.max(0, from - 64), from);
    const dotted = /([\p{L}\p{N}_]+)\.$/u.exec(before);
    if (dotted) {
      const v = views.find((x) => x.name === dotted[1]);
      return v ? { from, options: fieldOptions(v), validFor: WORD_OR_EMPTY } : null;
    }
    if (!word && !ctx.explicit) return null;
    // Fields of views already named in the statement come first; the others follow.
    const doc = ctx.state.doc.toString();
    const named = views.filter((v) => doc.includes(v.name));
    const fields = (named.length ? named : views).flatMap(fieldOptions);
    return { from, options: [...viewOptions, ...fields, ...keywordOptions], validFor: WORD_OR_EMPTY };
  };
}

/** CodeMirror 6 SQL editor: highlighting, completion of mounted views and fields, Ctrl+Enter (⌘+Enter) runs. */
export function SqlEditor({
  value,
  onChange,
  onRun,
  views,
  label,
  placeholder,
}: {
  value: string;
  onChange: (v: string) => void;
  onRun: (text: string) => void;
  views: MountedView[];
  label: string;
  placeholder?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, onRun });
  latest.current = { onChange, onRun };
  const schemaKey = JSON.stringify(views);

  useEffect(() => {
    const state = EditorState.create({
      doc: value,
      extensions: [
        Prec.highest(
          keymap.of([
            {
              key: 'Mod-Enter',
              preventDefault: true,
              run: (v) => {
                latest.current.onRun(v.state.doc.toString());
                return true;
              },
            },
          ]),
        ),
        basicSetup,
        sql({ dialect: PostgreSQL, upperCaseKeywords: true }),
        autocompletion({ override: [completionSource(views)], activateOnTyping: true }),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
        cmPlaceholder(placeholder ?? ''),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) latest.current.onChange(u.state.doc.toString());
        }),
        EditorView.theme({
          '&': { fontSize: '14px', border: '1px solid #d9d9d9', borderRadius: '6px', minHeight: '160px' },
          '.cm-scroller': {
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
            minHeight: '160px',
          },
          '&.cm-focused': { outline: '2px solid #91caff' },
        }),
      ],
    });
    const v = new EditorView({ state, parent: host.current! });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is rebuilt only when the mounted views change; the text is synchronised below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [schemaKey, label]);

  // A statement loaded from the history (or cleared) replaces the editor's text.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  return <div ref={host} data-testid="sql-editor" />;
}

/** Inserts text at the cursor of the editor inside `container` (used by the view-name chips). */
export function insertAtCursor(container: HTMLElement | null, text: string): boolean {
  const el = container?.querySelector('.cm-editor');
  const v = el ? EditorView.findFromDOM(el as HTMLElement) : null;
  if (!v) return false;
  const { from, to } = v.state.selection.main;
  v.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length } });
  v.focus();
  return true;
}
