// The gongwen extension: starts `gongwen lsp` for plain text and Markdown files, passes the
// `gongwen.*` settings to it (as `initializationOptions`, as the answer to
// `workspace/configuration` for section `gongwen`, and with `workspace/didChangeConfiguration`
// when they change), and adds three commands and a status bar item.

import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';

import { findServer, ServerBinary } from './binary';
import { expandPath, serverKeys, toServerSettings } from './settings';
import { parseStatus, statusView } from './status';

/** The server's commands (`workspace/executeCommand`). */
export const SERVER_FIX_ALL = 'gongwen.fixAll';
export const SERVER_REINDEX = 'gongwen.reindex';

/** The extension's commands. They cannot take the server's names: vscode-languageclient
 * registers each server command as a VS Code command of the same name. */
export const COMMAND_RESTART = 'gongwen.restartServer';
export const COMMAND_FIX_ALL = 'gongwen.fixAllInFile';
export const COMMAND_REINDEX = 'gongwen.reindexArchive';

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'plaintext' },
  { scheme: 'untitled', language: 'markdown' },
];

const t = (message: string, ...args: (string | number)[]) => vscode.l10n.t(message, ...args);

export class Gongwen implements vscode.Disposable {
  client: LanguageClient | undefined;
  binary: ServerBinary | undefined;
  readonly output: vscode.LogOutputChannel;
  readonly status: vscode.StatusBarItem;
  private readonly keys: string[];
  private readonly disposables: vscode.Disposable[] = [];
  private starting: Promise<void> | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.keys = serverKeys(context.extension.packageJSON);
    this.output = vscode.window.createOutputChannel('gongwen', { log: true });
    this.status = vscode.window.createStatusBarItem('gongwen.status', vscode.StatusBarAlignment.Right, 100);
    this.status.name = 'gongwen';
    this.disposables.push(
      this.output,
      this.status,
      vscode.commands.registerCommand(COMMAND_RESTART, () => this.restart()),
      vscode.commands.registerCommand(COMMAND_FIX_ALL, (uri?: vscode.Uri) => this.fixAll(uri)),
      vscode.commands.registerCommand(COMMAND_REINDEX, () => this.reindex()),
      vscode.workspace.onDidChangeConfiguration((event) => this.configurationChanged(event)),
    );
  }

  private expansion() {
    return { workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, home: os.homedir() };
  }

  /** What the server gets: the `gongwen.*` settings the user set, as config.md keys. */
  serverSettings(scope?: vscode.Uri): Record<string, unknown> {
    const configuration = vscode.workspace.getConfiguration('gongwen', scope);
    return toServerSettings(this.keys, (key) => configuration.inspect(key), this.expansion());
  }

  async start(): Promise<void> {
    if (!this.starting) {
      this.starting = this.doStart().finally(() => {
        this.starting = undefined;
      });
    }
    return this.starting;
  }

  private async doStart(): Promise<void> {
    const setting = vscode.workspace.getConfiguration('gongwen').get<string>('path', '');
    this.showStarting();
    const binary = await findServer(setting ? expandPath(setting, this.expansion()) : '', process.env.PATH);
    this.binary = binary;
    if (binary.kind !== 'ok') {
      this.showBinaryProblem(binary);
      return;
    }
    this.output.info(`gongwen ${binary.version}: ${binary.path}`);
    const serverOptions: ServerOptions = { command: binary.path, args: ['lsp'] };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      initializationOptions: this.serverSettings(),
      outputChannel: this.output,
      middleware: {
        workspace: {
          configuration: async (params, token, next) => {
            const ours = params.items.map((item) => item.section === 'gongwen');
            const others = params.items.filter((_, k) => !ours[k]);
            let answered: unknown[] = [];
            if (others.length > 0) {
              const result = await next({ items: others }, token);
              if (result instanceof ResponseError) return result;
              answered = result;
            }
            let j = 0;
            return params.items.map((item, k) =>
              ours[k] ? this.serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : answered[j++],
            );
          },
          // The client would tell the server of every change of any setting; the extension
          // tells it of changes to `gongwen.*` only (see configurationChanged).
          didChangeConfiguration: async () => undefined,
        },
      },
    };
    const client = new LanguageClient('gongwen', 'gongwen', serverOptions, clientOptions);
    client.onNotification('gongwen/status', (params: unknown) => this.showStatus(params));
    client.onDidChangeState((event) => {
      if (event.newState === State.Stopped) this.showStopped();
    });
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      this.output.error(`gongwen: the server did not start: ${String(error)}`);
      this.showStopped();
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop(5000);
      } catch (error) {
        this.output.warn(`gongwen: stopping the server: ${String(error)}`);
      }
      await client.dispose();
    }
  }

  async restart(): Promise<void> {
    await this.starting;
    await this.stop();
    await this.start();
  }

  private configurationChanged(event: vscode.ConfigurationChangeEvent) {
    if (event.affectsConfiguration('gongwen.path')) {
      void this.restart();
      return;
    }
    if (!event.affectsConfiguration('gongwen') || !this.client || this.client.state !== State.Running) return;
    // The server asks for its settings again (workspace/configuration); the settings are
    // sent along for servers that do not ask.
    const settings = this.serverSettings();
    this.output.info(`gongwen: settings changed: ${JSON.stringify(settings)}`);
    void this.client
      .sendNotification(DidChangeConfigurationNotification.type, { settings: { gongwen: settings } })
      .catch((error) => this.output.warn(`gongwen: didChangeConfiguration: ${String(error)}`));
  }

  private running(): LanguageClient | undefined {
    if (this.client && this.client.state === State.Running) return this.client;
    void vscode.window.showWarningMessage(t('The gongwen language server is not running.'));
    return undefined;
  }

  async fixAll(uri?: vscode.Uri): Promise<void> {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    const client = this.running();
    if (!target || !client) return;
    await client.sendRequest(ExecuteCommandRequest.type, {
      command: SERVER_FIX_ALL,
      arguments: [client.code2ProtocolConverter.asUri(target)],
    });
  }

  async reindex(): Promise<void> {
    const client = this.running();
    if (!client) return;
    await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_REINDEX, arguments: [] });
  }

  private showStarting() {
    this.status.text = `$(sync~spin) ${t('gongwen: starting')}`;
    this.status.tooltip = undefined;
    this.status.command = COMMAND_RESTART;
    this.status.show();
  }

  showStatus(params: unknown) {
    const view = statusView(parseStatus(params), t);
    this.status.text = view.text;
    this.status.tooltip = view.tooltip;
    this.status.command = COMMAND_REINDEX;
    this.status.show();
  }

  private showStopped() {
    this.status.text = `$(error) ${t('gongwen: stopped')}`;
    this.status.tooltip = t('The gongwen language server stopped. Click to restart it.');
    this.status.command = COMMAND_RESTART;
    this.status.show();
  }

  /** Says what is wrong with the binary, and how to put it right. */
  showBinaryProblem(binary: ServerBinary) {
    let message: string;
    if (binary.kind === 'missing') {
      message = binary.fromSetting
        ? t('gongwen: the binary set in gongwen.path was not found: {0}', binary.searched[0] ?? '')
        : t(
            'gongwen: no `gongwen` binary on PATH. Install it (cargo install --git https://github.com/gongwen-dev/gongwen) or set gongwen.path to the binary.',
          );
    } else if (binary.kind === 'foreign') {
      message = t(
        'gongwen: {0} is not the gongwen language server: `--version` answered “{1}” instead of “gongwen X.Y.Z” (a PyPI package also installs a `gongwen` command). Set gongwen.path to the gongwen binary.',
        binary.path,
        binary.answer,
      );
    } else {
      return;
    }
    if (!binary.fromSetting && vscode.env.remoteName) {
      // Machine-scoped settings of the user settings do not apply in a remote window.
      message += ' ' + t('In a remote window, set gongwen.path in the Remote settings.');
    }
    this.output.error(message);
    this.status.text = `$(error) gongwen`;
    this.status.tooltip = message;
    this.status.command = { title: 'gongwen.path', command: 'workbench.action.openSettings', arguments: ['gongwen.path'] };
    this.status.show();
    const openSettings = t('Open Settings');
    void vscode.window.showErrorMessage(message, openSettings).then((choice) => {
      if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', 'gongwen.path');
    });
  }

  dispose() {
    for (const d of this.disposables) d.dispose();
  }
}

let extension: Gongwen | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<Gongwen> {
  extension = new Gongwen(context);
  context.subscriptions.push(extension);
  await extension.start();
  return extension;
}

export async function deactivate(): Promise<void> {
  const current = extension;
  extension = undefined;
  await current?.stop();
}
