// The extension's glue, on stubbed `vscode` and `vscode-languageclient/node` modules.
import { State, state, Uri, vscode } from './stubs';

import assert = require('node:assert/strict');
import fs = require('node:fs');
import os = require('node:os');
import path = require('node:path');
import { beforeEach, test } from 'node:test';

import { activate, deactivate } from '../extension';
import { parseStatus, statusView } from '../status';

const unix = process.platform !== 'win32';
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const context = () => ({ subscriptions: [] as { dispose(): void }[], extension: { packageJSON: manifest } }) as never;

function fakeBinary(version: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-ext-'));
  const binary = path.join(dir, 'gongwen');
  fs.writeFileSync(binary, `#!/bin/sh\necho "${version}"\n`, { mode: 0o755 });
  return binary;
}

beforeEach(async () => {
  await deactivate();
  state.reset();
});

test('starts `gongwen lsp` on plain text and Markdown with the settings the user set', { skip: !unix }, async () => {
  const binary = fakeBinary('gongwen 0.1.0');
  state.settings.set('gongwen.path', { globalValue: binary });
  state.settings.set('gongwen.archive', { globalValue: ['${workspaceFolder}/examples/archive'] });
  state.settings.set('gongwen.numbering.third-level', { workspaceValue: 'fullwidth' });
  state.settings.set('gongwen.trace.server', { globalValue: 'verbose' });
  await activate(context());
  assert.equal(state.clients.length, 1);
  const client = state.clients[0];
  assert.deepEqual(client.serverOptions, { command: binary, args: ['lsp'] });
  const languages = client.clientOptions.documentSelector.map((s: { language: string }) => s.language);
  assert.ok(languages.includes('plaintext') && languages.includes('markdown'));
  assert.deepEqual(client.clientOptions.initializationOptions, {
    archive: ['/ws/examples/archive'],
    numbering: { 'third-level': 'fullwidth' },
  });
  assert.deepEqual(state.errors, []);
  for (const command of ['gongwen.restartServer', 'gongwen.fixAllInFile', 'gongwen.reindexArchive']) {
    assert.ok(state.commands.has(command), command);
  }
});

test('answers workspace/configuration for section gongwen, passes other sections on', { skip: !unix }, async () => {
  state.settings.set('gongwen.path', { globalValue: fakeBinary('gongwen 0.1.0') });
  state.settings.set('gongwen.lang', { globalValue: 'en' });
  await activate(context());
  const middleware = state.clients[0].clientOptions.middleware.workspace;
  const next = async (params: { items: { section?: string }[] }) => params.items.map((i) => `next:${i.section}`);
  const answer = await middleware.configuration(
    { items: [{ section: 'gongwen' }, { section: 'editor' }, { section: 'gongwen', scopeUri: 'file:///ws/a.txt' }] },
    undefined,
    next,
  );
  assert.deepEqual(answer, [{ lang: 'en' }, 'next:editor', { lang: 'en' }]);
  // The client's own didChangeConfiguration (for any setting) is silenced.
  let called = false;
  await middleware.didChangeConfiguration(undefined, async () => {
    called = true;
  });
  assert.equal(called, false);
});

test('a change of a gongwen setting is sent live; other settings are not', { skip: !unix }, async () => {
  state.settings.set('gongwen.path', { globalValue: fakeBinary('gongwen 0.1.0') });
  await activate(context());
  const client = state.clients[0];
  state.set('editor.fontSize', 20);
  assert.deepEqual(client.notifications, []);
  state.set('gongwen.ignore', ['P210']);
  assert.deepEqual(client.notifications, [
    { method: 'workspace/didChangeConfiguration', params: { settings: { gongwen: { ignore: ['P210'] } } } },
  ]);
});

test('changing gongwen.path restarts the server with the new binary', { skip: !unix }, async () => {
  state.settings.set('gongwen.path', { globalValue: fakeBinary('gongwen 0.1.0') });
  await activate(context());
  const second = fakeBinary('gongwen 0.2.0');
  state.set('gongwen.path', second);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(state.clients.length, 2);
  assert.equal(state.clients[0].state, State.Stopped, 'the first client was stopped');
  assert.equal(state.clients[1].serverOptions.command, second);
});

test('commands map to the server commands gongwen.fixAll and gongwen.reindex', { skip: !unix }, async () => {
  state.settings.set('gongwen.path', { globalValue: fakeBinary('gongwen 0.1.0') });
  await activate(context());
  state.activeUri = Uri.file('/ws/draft.txt');
  await state.commands.get('gongwen.fixAllInFile')!();
  await state.commands.get('gongwen.reindexArchive')!();
  assert.deepEqual(state.clients[0].requests, [
    { method: 'workspace/executeCommand', params: { command: 'gongwen.fixAll', arguments: ['file:///ws/draft.txt'] } },
    { method: 'workspace/executeCommand', params: { command: 'gongwen.reindex', arguments: [] } },
  ]);
});

test('the status bar follows gongwen/status', { skip: !unix }, async () => {
  state.settings.set('gongwen.path', { globalValue: fakeBinary('gongwen 0.1.0') });
  const extension = await activate(context());
  const notify = state.clients[0].notificationHandlers.get('gongwen/status')!;
  notify({ indexing: true, documents: 3, directives: 0, skipped: 0 });
  assert.match(extension.status.text, /indexing/);
  notify({ indexing: false, documents: 18, directives: 25, skipped: 1 });
  assert.match(extension.status.text, /18 documents/);
  assert.match(String(extension.status.tooltip), /25 known directives/);
  assert.match(String(extension.status.tooltip), /1 files skipped/);
});

test('no binary: a clear message pointing at gongwen.path, and no server', async () => {
  state.settings.set('gongwen.path', { globalValue: path.join(os.tmpdir(), 'no-such-dir', 'gongwen') });
  await activate(context());
  assert.equal(state.clients.length, 0);
  assert.equal(state.errors.length, 1);
  assert.match(state.errors[0].message, /gongwen\.path was not found: .*no-such-dir/);
  assert.deepEqual(state.errors[0].items, ['Open Settings']);
});

test('no binary on PATH in a remote window: points at the Remote settings', async () => {
  state.settings.set('gongwen.path', { globalValue: '' });
  const saved = process.env.PATH;
  process.env.PATH = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-nopath-'));
  vscode.env.remoteName = 'ssh-remote';
  try {
    await activate(context());
  } finally {
    process.env.PATH = saved;
    vscode.env.remoteName = undefined;
  }
  assert.equal(state.clients.length, 0);
  assert.match(state.errors[0].message, /no `gongwen` binary on PATH.*Remote settings/);
});

test('another program called gongwen: says what it answered', { skip: !unix }, async () => {
  const pypi = fakeBinary('gongwen-cli, version 2.3.1');
  state.settings.set('gongwen.path', { globalValue: pypi });
  await activate(context());
  assert.equal(state.clients.length, 0);
  assert.match(state.errors[0].message, /is not the gongwen language server: `--version` answered “gongwen-cli, version 2\.3\.1”/);
});

test('status text and tooltip', () => {
  const t = (m: string, ...a: (string | number)[]) => m.replace(/\{(\d+)\}/g, (_, i) => String(a[Number(i)]));
  assert.deepEqual(statusView(parseStatus({ indexing: false, documents: 18, directives: 25, skipped: 0 }), t), {
    text: '$(book) gongwen: 18 documents',
    tooltip: 'Archive: 18 documents, 25 known directives\nClick to reindex the archive',
  });
  assert.equal(statusView(parseStatus({ indexing: true, documents: 2 }), t).text, '$(sync~spin) gongwen: indexing… 2 documents');
  assert.equal(statusView(parseStatus(null), t).text, '$(book) gongwen: 0 documents');
  assert.equal(statusView(parseStatus({ documents: 5, skipped: 2 }), t).text, '$(book) gongwen: 5 documents $(warning) 2');
});
