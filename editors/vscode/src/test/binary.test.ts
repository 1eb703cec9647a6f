import assert = require('node:assert/strict');
import fs = require('node:fs');
import os = require('node:os');
import path = require('node:path');
import { test } from 'node:test';

import { askVersion, findServer, onPath } from '../binary';

const unix = process.platform !== 'win32';

/** A folder holding one executable `gongwen` that runs `body` (a shell script). */
function fakeGongwen(body: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-bin-'));
  fs.writeFileSync(path.join(dir, 'gongwen'), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return dir;
}

const ours = unix ? fakeGongwen('echo "gongwen 0.1.0"') : '';
// What the PyPI package's `gongwen` might say: another program, another version line.
const pypi = unix ? fakeGongwen('echo "gongwen-cli, version 2.3.1 (Python 3.11)"') : '';
const failing = unix ? fakeGongwen('echo "Traceback (most recent call last):" >&2; exit 1') : '';
const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-empty-'));

test('our binary answers gongwen X.Y.Z', { skip: !unix }, async () => {
  assert.deepEqual(await askVersion(path.join(ours, 'gongwen')), { kind: 'ok', version: '0.1.0' });
});

test('another program called gongwen is recognised, with what it said', { skip: !unix }, async () => {
  assert.deepEqual(await askVersion(path.join(pypi, 'gongwen')), {
    kind: 'foreign',
    answer: 'gongwen-cli, version 2.3.1 (Python 3.11)',
  });
  const failed = await askVersion(path.join(failing, 'gongwen'));
  assert.equal(failed.kind, 'foreign');
  assert.match((failed as { answer: string }).answer, /Traceback/);
});

test('a binary that does not answer in time is not ours', { skip: !unix }, async () => {
  const slow = fakeGongwen('sleep 5; echo "gongwen 0.1.0"');
  const answer = await askVersion(path.join(slow, 'gongwen'), 300);
  assert.equal(answer.kind, 'foreign');
});

test('a path that does not exist is missing', async () => {
  assert.equal((await askVersion(path.join(empty, 'gongwen'))).kind, 'missing');
});

test('PATH lookup skips other programs called gongwen', { skip: !unix }, async () => {
  const envPath = [empty, pypi, ours].join(path.delimiter);
  assert.deepEqual(onPath(envPath), [path.join(pypi, 'gongwen'), path.join(ours, 'gongwen')]);
  assert.deepEqual(await findServer('', envPath), { kind: 'ok', path: path.join(ours, 'gongwen'), version: '0.1.0' });
});

test('only another program on PATH: it is named, so that the user learns why', { skip: !unix }, async () => {
  const found = await findServer('', [pypi, failing].join(path.delimiter));
  assert.equal(found.kind, 'foreign');
  assert.equal((found as { path: string }).path, path.join(pypi, 'gongwen'));
});

test('nothing on PATH: missing, with the folders searched', async () => {
  assert.deepEqual(await findServer('', empty), { kind: 'missing', searched: [empty], fromSetting: false });
});

test('gongwen.path is used as given, and checked too', { skip: !unix }, async () => {
  const given = path.join(ours, 'gongwen');
  assert.deepEqual(await findServer(given, ''), { kind: 'ok', path: given, version: '0.1.0' });
  const wrong = path.join(pypi, 'gongwen');
  assert.equal((await findServer(wrong, ours)).kind, 'foreign');
  assert.deepEqual(await findServer(path.join(empty, 'nope'), ours), {
    kind: 'missing',
    searched: [path.join(empty, 'nope')],
    fromSetting: true,
  });
});
