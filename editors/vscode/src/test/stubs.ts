// Stand-ins for the `vscode` module and for `vscode-languageclient/node`, enough for the
// extension's own logic to run under node's test runner. Importing this file makes
// `require('vscode')` and `require('vscode-languageclient/node')` return them.

/* eslint-disable @typescript-eslint/no-explicit-any */
import Module = require('node:module');

type Listener<T> = (value: T) => unknown;

export class Emitter<T> {
  listeners: Listener<T>[] = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T) {
    for (const l of this.listeners) l(value);
  }
}

export class Uri {
  constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  static file(path: string) {
    return new Uri('file', path);
  }
  static parse(text: string) {
    const match = /^(\w+):\/\/(.*)$/.exec(text);
    return match ? new Uri(match[1], decodeURIComponent(match[2])) : new Uri('file', text);
  }
  toString() {
    return `${this.scheme}://${this.fsPath}`;
  }
}

/** Settings by level, as `inspect()` reports them. */
export interface Levels {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export const state = {
  settings: new Map<string, Levels>(),
  manifestDefaults: new Map<string, unknown>(),
  errors: [] as { message: string; items: string[] }[],
  warnings: [] as string[],
  commands: new Map<string, (...args: any[]) => unknown>(),
  executed: [] as { command: string; args: any[] }[],
  configurationChanged: new Emitter<{ affectsConfiguration: (section: string) => boolean }>(),
  activeUri: undefined as Uri | undefined,
  clients: [] as FakeClient[],
  log: [] as string[],
  reset() {
    this.settings.clear();
    this.errors = [];
    this.warnings = [];
    this.commands.clear();
    this.executed = [];
    this.configurationChanged = new Emitter();
    this.activeUri = undefined;
    this.clients = [];
    this.log = [];
  },
  /** Sets a user (global) setting and tells the extension, as VS Code would. */
  set(key: string, value: unknown, level: keyof Levels = 'globalValue') {
    const levels = this.settings.get(key) ?? {};
    levels[level] = value;
    this.settings.set(key, levels);
    this.configurationChanged.fire({
      affectsConfiguration: (section: string) => key === section || key.startsWith(section + '.'),
    });
  },
};

function format(message: string, args: unknown[]) {
  return message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
}

const statusItem = () => ({ text: '', tooltip: undefined as unknown, command: undefined as unknown, name: '', visible: false, show() { this.visible = true; }, hide() { this.visible = false; }, dispose() {} });

export const vscode = {
  Uri,
  StatusBarAlignment: { Left: 1, Right: 2 },
  env: { remoteName: undefined as string | undefined },
  l10n: { t: (message: string, ...args: unknown[]) => format(message, args) },
  window: {
    createOutputChannel: () => {
      const log = (line: string) => state.log.push(line);
      return { appendLine: log, info: log, warn: log, error: log, trace: log, debug: log, show() {}, dispose() {} };
    },
    createStatusBarItem: () => statusItem(),
    showErrorMessage: async (message: string, ...items: string[]) => {
      state.errors.push({ message, items });
      return undefined;
    },
    showWarningMessage: async (message: string) => {
      state.warnings.push(message);
      return undefined;
    },
    get activeTextEditor() {
      return state.activeUri ? { document: { uri: state.activeUri } } : undefined;
    },
  },
  commands: {
    registerCommand: (command: string, callback: (...args: any[]) => unknown) => {
      state.commands.set(command, callback);
      return { dispose: () => state.commands.delete(command) };
    },
    executeCommand: async (command: string, ...args: any[]) => {
      state.executed.push({ command, args });
    },
  },
  workspace: {
    workspaceFolders: [{ uri: Uri.file('/ws'), name: 'ws', index: 0 }],
    getConfiguration: (section: string) => ({
      inspect: (key: string) => {
        const full = `${section}.${key}`;
        return { key: full, defaultValue: state.manifestDefaults.get(full), ...(state.settings.get(full) ?? {}) };
      },
      get: (key: string, fallback?: unknown) => {
        const levels = state.settings.get(`${section}.${key}`) ?? {};
        return levels.workspaceFolderValue ?? levels.workspaceValue ?? levels.globalValue ?? fallback;
      },
    }),
    onDidChangeConfiguration: (listener: Listener<any>) => state.configurationChanged.event(listener),
  },
};

// vscode-languageclient/node

export const State = { Stopped: 1, Starting: 3, Running: 2 };

export class ResponseError extends Error {}

export class FakeClient {
  state = State.Stopped;
  notificationHandlers = new Map<string, (params: unknown) => void>();
  stateChanged = new Emitter<{ oldState: number; newState: number }>();
  requests: { method: string; params: any }[] = [];
  notifications: { method: string; params: any }[] = [];
  code2ProtocolConverter = { asUri: (uri: Uri) => uri.toString() };
  constructor(
    readonly id: string,
    readonly name: string,
    readonly serverOptions: any,
    readonly clientOptions: any,
  ) {
    state.clients.push(this);
  }
  onNotification(method: string, handler: (params: unknown) => void) {
    this.notificationHandlers.set(method, handler);
    return { dispose() {} };
  }
  onDidChangeState(listener: Listener<{ oldState: number; newState: number }>) {
    return this.stateChanged.event(listener);
  }
  async start() {
    this.state = State.Running;
  }
  async stop() {
    this.state = State.Stopped;
  }
  async dispose() {}
  async sendRequest(type: { method: string }, params: unknown) {
    this.requests.push({ method: type.method, params });
    return null;
  }
  async sendNotification(type: { method: string }, params: unknown) {
    this.notifications.push({ method: type.method, params });
  }
}

export const languageclient = {
  LanguageClient: FakeClient,
  State,
  ResponseError,
  ExecuteCommandRequest: { type: { method: 'workspace/executeCommand' } },
  DidChangeConfigurationNotification: { type: { method: 'workspace/didChangeConfiguration' } },
};

const stubs: Record<string, unknown> = { vscode, 'vscode-languageclient/node': languageclient };
const anyModule = Module as any;
const originalLoad = anyModule._load;
anyModule._load = function (request: string, ...rest: unknown[]) {
  if (request in stubs) return stubs[request];
  return originalLoad.call(this, request, ...rest);
};
