// The status bar item's text, from the server's `gongwen/status` notification:
// `{"indexing": bool, "documents": n, "directives": n, "skipped": n}`.

export interface ServerStatus {
  indexing: boolean;
  documents: number;
  directives: number;
  skipped: number;
}

/** `vscode.l10n.t`, or a stand-in in tests: replaces `{0}`, `{1}`, … */
export type Translate = (message: string, ...args: (string | number)[]) => string;

export interface StatusView {
  text: string;
  tooltip: string;
}

/** Reads the notification's parameters, tolerating missing fields. */
export function parseStatus(params: unknown): ServerStatus {
  const p = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return {
    indexing: p.indexing === true,
    documents: count(p.documents),
    directives: count(p.directives),
    skipped: count(p.skipped),
  };
}

export function statusView(status: ServerStatus, t: Translate): StatusView {
  const lines = [
    t('Archive: {0} documents, {1} known directives', status.documents, status.directives),
  ];
  if (status.skipped > 0) {
    lines.push(t('{0} files skipped (too large, unreadable or not text); see the gongwen output', status.skipped));
  }
  lines.push(t('Click to reindex the archive'));
  if (status.indexing) {
    return {
      text: `$(sync~spin) ${t('gongwen: indexing… {0} documents', status.documents)}`,
      tooltip: lines.join('\n'),
    };
  }
  const skipped = status.skipped > 0 ? ` $(warning) ${status.skipped}` : '';
  return {
    text: `$(book) ${t('gongwen: {0} documents', status.documents)}${skipped}`,
    tooltip: lines.join('\n'),
  };
}
