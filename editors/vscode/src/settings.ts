// The settings the extension passes to the server: every `gongwen.*` setting of the manifest
// except the extension's own (`gongwen.path`, `gongwen.trace.server`), as one object with the
// keys of gongwen's configuration schema (`gongwen.toml`): dotted keys become nested objects
// (`gongwen.numbering.third-level` → `{"numbering": {"third-level": …}}`).
//
// Only values the user set (in user, workspace or folder settings) are passed. A default left
// alone is not: editor settings are the strongest carrier, so sending the manifest's defaults
// would override whatever the project's `gongwen.toml` says.
//
// No `vscode` import here: the logic is tested with plain data.

/** Settings that configure the extension, not the server. */
export const EXTENSION_ONLY: readonly string[] = ['path', 'trace.server'];

/** The part of `WorkspaceConfiguration.inspect()` that is read. */
export interface Inspected<T = unknown> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** Where `~` and `${workspaceFolder}` in paths point. */
export interface Expansion {
  workspaceFolder?: string;
  home?: string;
}

interface Manifest {
  contributes?: { configuration?: { properties?: Record<string, unknown> } | { properties?: Record<string, unknown> }[] };
}

/** The server's keys (without the `gongwen.` prefix), as the manifest contributes them. */
export function serverKeys(manifest: Manifest): string[] {
  const configuration = manifest.contributes?.configuration;
  const sections = Array.isArray(configuration) ? configuration : configuration ? [configuration] : [];
  const keys: string[] = [];
  for (const section of sections) {
    for (const name of Object.keys(section.properties ?? {})) {
      if (!name.startsWith('gongwen.')) continue;
      const key = name.slice('gongwen.'.length);
      if (!EXTENSION_ONLY.includes(key)) keys.push(key);
    }
  }
  return keys;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value the user set, or `undefined` when only the default applies. The folder's value
 * beats the workspace's, which beats the user's; tables (`severity`, `per-file-ignores`) are
 * merged entry by entry, as VS Code itself merges object settings.
 */
export function explicitValue(inspected: Inspected | undefined): unknown {
  if (!inspected) return undefined;
  const levels = [inspected.globalValue, inspected.workspaceValue, inspected.workspaceFolderValue].filter(
    (v) => v !== undefined && v !== null,
  );
  if (levels.length === 0) return undefined;
  if (levels.every(isPlainObject)) {
    return Object.assign({}, ...levels);
  }
  return levels[levels.length - 1];
}

/** Expands `~`, `${userHome}` and `${workspaceFolder}` at the start of a path. */
export function expandPath(path: string, expansion: Expansion): string {
  let out = path.trim();
  if (expansion.workspaceFolder !== undefined) {
    out = out.split('${workspaceFolder}').join(expansion.workspaceFolder);
  }
  if (expansion.home !== undefined) {
    out = out.split('${userHome}').join(expansion.home);
    if (out === '~') out = expansion.home;
    else if (out.startsWith('~/') || out.startsWith('~\\')) out = expansion.home + out.slice(1);
  }
  return out;
}

/** Settings → the object of `initializationOptions` and of `workspace/configuration` (`gongwen`). */
export function toServerSettings(
  keys: readonly string[],
  inspect: (key: string) => Inspected | undefined,
  expansion: Expansion = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    let value = explicitValue(inspect(key));
    if (value === undefined) continue;
    if (key === 'archive' && Array.isArray(value)) {
      value = value.map((p) => (typeof p === 'string' ? expandPath(p, expansion) : p));
    }
    const parts = key.split('.');
    let target = out;
    for (const part of parts.slice(0, -1)) {
      if (!isPlainObject(target[part])) target[part] = {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = value;
  }
  return out;
}
