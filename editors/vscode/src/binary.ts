// Finding the `gongwen` binary: `gongwen.path`, else the `gongwen` commands on PATH, and
// making sure the one chosen is ours. A PyPI package also installs a command called
// `gongwen`; ours answers `gongwen --version` with `gongwen X.Y.Z`.
//
// No `vscode` import here: the logic is tested with small scripts standing in for binaries.

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What `gongwen --version` prints: `gongwen 0.1.0`. */
const VERSION_LINE = /^gongwen (\d+\.\d+\.\d+[^\s]*)\s*$/;

export type VersionAnswer =
  | { kind: 'ok'; version: string }
  /** It ran but is another program (or failed): what it said, for the message. */
  | { kind: 'foreign'; answer: string }
  /** It could not be run at all. */
  | { kind: 'missing'; reason: string };

export type ServerBinary =
  | { kind: 'ok'; path: string; version: string }
  | { kind: 'foreign'; path: string; answer: string; fromSetting: boolean }
  | { kind: 'missing'; searched: string[]; fromSetting: boolean };

/** Runs `binary --version` and reads the answer. */
export function askVersion(binary: string, timeoutMs = 10000): Promise<VersionAnswer> {
  return new Promise((resolve) => {
    execFile(binary, ['--version'], { timeout: timeoutMs, windowsHide: true }, (error, stdout, stderr) => {
      const err = error as (NodeJS.ErrnoException & { killed?: boolean }) | null;
      if (err && (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'ENOTDIR')) {
        resolve({ kind: 'missing', reason: err.code });
        return;
      }
      const first = String(stdout).split(/\r?\n/)[0] ?? '';
      const match = VERSION_LINE.exec(first);
      if (!err && match) {
        resolve({ kind: 'ok', version: match[1] });
        return;
      }
      let answer = (String(stdout).trim() || String(stderr).trim()).split(/\r?\n/).slice(0, 3).join(' ⏎ ');
      if (err?.killed) answer = `no answer within ${timeoutMs / 1000} s`;
      else if (!answer && err) answer = `exit status ${err.code ?? '?'}`;
      resolve({ kind: 'foreign', answer: answer.slice(0, 200) });
    });
  });
}

/** Every `gongwen` on PATH, in PATH order. */
export function onPath(envPath: string | undefined, platform: NodeJS.Platform = process.platform): string[] {
  const names = platform === 'win32' ? ['gongwen.exe', 'gongwen.cmd', 'gongwen'] : ['gongwen'];
  const found: string[] = [];
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        if (fs.statSync(candidate).isFile() && !found.includes(candidate)) found.push(candidate);
      } catch {
        // not there
      }
    }
  }
  return found;
}

/**
 * The server binary: the one `gongwen.path` names (expanded already), else the first
 * `gongwen` on PATH that answers as ours. When only other programs called `gongwen` are
 * found, the first of them is reported, so that the user learns why.
 */
export async function findServer(setting: string, envPath: string | undefined): Promise<ServerBinary> {
  if (setting.trim() !== '') {
    const binary = setting.trim();
    const answer = await askVersion(binary);
    if (answer.kind === 'ok') return { kind: 'ok', path: binary, version: answer.version };
    if (answer.kind === 'foreign') return { kind: 'foreign', path: binary, answer: answer.answer, fromSetting: true };
    return { kind: 'missing', searched: [binary], fromSetting: true };
  }
  const candidates = onPath(envPath);
  let foreign: ServerBinary | undefined;
  for (const candidate of candidates) {
    const answer = await askVersion(candidate);
    if (answer.kind === 'ok') return { kind: 'ok', path: candidate, version: answer.version };
    if (answer.kind === 'foreign' && !foreign) {
      foreign = { kind: 'foreign', path: candidate, answer: answer.answer, fromSetting: false };
    }
  }
  return foreign ?? { kind: 'missing', searched: (envPath ?? '').split(path.delimiter).filter(Boolean), fromSetting: false };
}
