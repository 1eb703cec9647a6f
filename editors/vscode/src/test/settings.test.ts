import assert = require('node:assert/strict');
import fs = require('node:fs');
import path = require('node:path');
import { test } from 'node:test';

import { expandPath, explicitValue, serverKeys, toServerSettings, Inspected } from '../settings';

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test('the server gets every key of the configuration schema, and not the extension settings', () => {
  assert.deepEqual(serverKeys(manifest).sort(), [
    'archive',
    'exclude',
    'ignore',
    'include',
    'lang',
    'max-file-size',
    'numbering.third-level',
    'per-file-ignores',
    'phrases.min-documents',
    'select',
    'severity',
  ]);
  const properties = manifest.contributes.configuration.properties;
  assert.ok(properties['gongwen.path'] && properties['gongwen.trace.server']);
});

test('defaults left alone are not sent (they would override gongwen.toml)', () => {
  const keys = serverKeys(manifest);
  const inspect = (key: string): Inspected => ({ defaultValue: manifest.contributes.configuration.properties[`gongwen.${key}`].default });
  assert.deepEqual(toServerSettings(keys, inspect), {});
});

test('set values become config.md keys, dotted keys nested', () => {
  const set: Record<string, Inspected> = {
    select: { defaultValue: ['N', 'P', 'C', 'D'], globalValue: ['P', 'N101'] },
    'numbering.third-level': { defaultValue: 'either', workspaceValue: 'halfwidth' },
    'phrases.min-documents': { defaultValue: 3, globalValue: 5 },
    'per-file-ignores': { defaultValue: {}, globalValue: { '讲话/*.txt': ['D401'] } },
    'max-file-size': { defaultValue: 16777216, globalValue: 1024 },
    lang: { defaultValue: 'zh', globalValue: 'en' },
  };
  const out = toServerSettings(serverKeys(manifest), (key) => set[key]);
  assert.deepEqual(out, {
    select: ['P', 'N101'],
    numbering: { 'third-level': 'halfwidth' },
    phrases: { 'min-documents': 5 },
    'per-file-ignores': { '讲话/*.txt': ['D401'] },
    'max-file-size': 1024,
    lang: 'en',
  });
});

test('the folder beats the workspace beats the user; tables merge entry by entry', () => {
  assert.equal(explicitValue({ globalValue: 'zh', workspaceValue: 'en' }), 'en');
  assert.deepEqual(explicitValue({ globalValue: ['a'], workspaceValue: ['b'], workspaceFolderValue: ['c'] }), ['c']);
  assert.deepEqual(
    explicitValue({ globalValue: { P210: 'off', D401: 'info' }, workspaceValue: { D401: 'error' } }),
    { P210: 'off', D401: 'error' },
  );
  assert.equal(explicitValue({ defaultValue: 'zh' }), undefined);
  assert.equal(explicitValue(undefined), undefined);
});

test('archive paths expand ~ and ${workspaceFolder}; relative paths are left to the server', () => {
  const out = toServerSettings(['archive'], () => ({ globalValue: ['~/档案', '${workspaceFolder}/archive', 'docs/', '${userHome}/x'] }), {
    workspaceFolder: '/ws',
    home: '/home/me',
  });
  assert.deepEqual(out, { archive: ['/home/me/档案', '/ws/archive', 'docs/', '/home/me/x'] });
  assert.equal(expandPath('~', { home: '/h' }), '/h');
  assert.equal(expandPath('a~b', { home: '/h' }), 'a~b');
});

test('every manifest string has an English and a Chinese text', () => {
  const english = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
  const chinese = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.zh-cn.json'), 'utf8'));
  const used = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(used.length > 20);
  for (const key of used) {
    assert.ok(english[key], `package.nls.json lacks ${key}`);
    assert.ok(chinese[key], `package.nls.zh-cn.json lacks ${key}`);
  }
  assert.deepEqual(Object.keys(english).sort(), Object.keys(chinese).sort());
  // Every setting of the schema has a description.
  for (const [name, property] of Object.entries<Record<string, unknown>>(manifest.contributes.configuration.properties)) {
    assert.ok(property.description || property.markdownDescription, `${name} has no description`);
  }
});

test('every message of the extension has a Chinese translation', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
  const messages = new Set<string>();
  for (const file of ['extension.ts', 'status.ts']) {
    const source = fs.readFileSync(path.join(root, 'src', file), 'utf8');
    for (const m of source.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) messages.add(m[1]);
  }
  assert.ok(messages.size >= 10, `found ${messages.size} messages`);
  for (const message of messages) {
    assert.ok(bundle[message], `l10n/bundle.l10n.zh-cn.json lacks: ${message}`);
  }
  for (const key of Object.keys(bundle)) assert.ok(messages.has(key), `unused translation: ${key}`);
});
