// Drives VS Code (code-server) in headless Chromium with playwright-core, for
// tests/editor_vscode.rs. The gongwen extension is installed and configured already.
// Environment:
//   CS_URL      the workbench URL (?folder=…)
//   OUT_DIR     where result.json and the screenshots go
//   CHROMIUM    the browser (default /usr/bin/chromium)
//   DIAG_FILE   the file whose Problems are read; EXPECTED_PROBLEMS how many to wait for
//   HOVER_FILE, HOVER_TEXT, HOVER_OFFSET   hover OFFSET characters into the first TEXT
//   COMPLETE_LINE, COMPLETE_PREFIX   in HOVER_FILE, type PREFIX on that empty line, Ctrl+Space
//   FIX_FILE, FIX_TEXT, FIX_OFFSET, FIX_LINE   a quick fix there; FIX_LINE (1-based) is read
// result.json: {status, problems, hover, fix: {before, after, actions}, live_setting,
//               screenshots, error, log}

const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const OUT = process.env.OUT_DIR;
const t0 = Date.now();
const result = { log: [], screenshots: [] };
const log = (...a) => {
  const line = `[${((Date.now() - t0) / 1000).toFixed(1)}s] ${a.join(' ')}`;
  result.log.push(line);
  console.log(line);
};

async function screenshot(page, name) {
  const file = path.join(OUT, name);
  await page.screenshot({ path: file });
  result.screenshots.push(file);
  log('screenshot', file);
}

/** Opens a file of the workspace through Quick Open. */
async function openFile(page, name) {
  await page.keyboard.press('Escape');
  const tab = page.locator('.tabs-container .tab', { hasText: name });
  if ((await tab.count()) > 0) {
    await tab.first().click();
    await page.waitForFunction((n) => document.title.includes(n), name, { timeout: 20000 });
    log('switched to', name);
    return;
  }
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 20000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 20000 });
  await page.keyboard.press('Enter');
  // The window title names the active editor (its tab may be scrolled out of sight).
  await page.waitForFunction((n) => document.title.includes(n), name, { timeout: 20000 });
  // The editor has focus once its text is there.
  await page.locator('.monaco-editor .view-lines .view-line').first().waitFor({ timeout: 20000 });
  log('opened', name);
}

/** Puts the cursor on a line (1-based) with Go to Line (Ctrl+G). */
async function goTo(page, line) {
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`:${line}`);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

/** Puts the cursor `offset` characters into the first match of `text` (Find, Ctrl+F). */
async function cursorAt(page, text, offset) {
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+F');
  const input = page.locator('.find-widget textarea, .find-widget input').first();
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(text);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  // The match is selected; Left puts the cursor at its start.
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < offset; i++) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(200);
}

/** Runs a command from the Command Palette by its title. */
async function runCommand(page, title) {
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill('>' + title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  log('ran', title);
}

/** The status bar item of the extension. */
async function statusText(page) {
  const items = await page.locator('.statusbar-item').allInnerTexts();
  return items.filter((t) => /gongwen/.test(t));
}

/** The text of the editor line `line` (1-based), read from the DOM after revealing it. */
async function lineText(page, line) {
  await goTo(page, line);
  return page.evaluate(() => {
    const editor = document.querySelector('.monaco-editor.focused') || document.querySelector('.editor-instance .monaco-editor');
    const current = editor.querySelector('.view-overlays .current-line');
    const top = current ? current.parentElement.style.top : null;
    for (const el of editor.querySelectorAll('.view-lines .view-line')) {
      if (el.style.top === top) return el.textContent.replace(/\u00a0/g, ' ');
    }
    return null;
  });
}

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') fs.appendFileSync(path.join(OUT, 'browser-console.log'), m.text() + '\n');
  });
  try {
    await page.goto(process.env.CS_URL, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
    log('workbench loaded');

    // 1. Diagnostics: open the draft, wait for the server (status bar), read the Problems panel.
    await openFile(page, process.env.DIAG_FILE);
    const started = Date.now();
    let status = [];
    while (Date.now() - started < 60000) {
      status = await statusText(page);
      if (status.some((t) => /\d+ documents/.test(t) && !/indexing/.test(t))) break;
      await page.waitForTimeout(250);
    }
    result.status = status;
    log('status bar', JSON.stringify(status));
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ timeout: 30000 });
    // The C findings come once the archive is indexed: wait for as many rows as expected
    // (the file's row and one per problem), else until the list stops changing.
    const expected = Number(process.env.EXPECTED_PROBLEMS || 0) + 1;
    let previous = -1;
    for (let i = 0, stable = 0; i < 60; i++) {
      const n = await rows.count();
      if (n === expected) break;
      stable = n === previous ? stable + 1 : 0;
      if (!process.env.EXPECTED_PROBLEMS && stable >= 2) break;
      previous = n;
      await page.waitForTimeout(500);
    }
    result.problems = await rows.evaluateAll((els) =>
      els.map((el) => ({ label: el.getAttribute('aria-label'), text: el.innerText })),
    );
    log('problems rows', result.problems.length);
    await screenshot(page, 'vscode-problems.png');

    // 2. Hover: the card of a citation.
    await openFile(page, process.env.HOVER_FILE);
    await cursorAt(page, process.env.HOVER_TEXT, Number(process.env.HOVER_OFFSET));
    const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents', { hasText: '文号' });
    for (let attempt = 1; attempt <= 8 && !result.hover; attempt++) {
      if (attempt % 2 === 1) {
        // Keyboard: Show Hover (Ctrl+K Ctrl+I) at the cursor.
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
      } else {
        // Mouse: rest the pointer on the cursor's character.
        const box = await page.locator('.monaco-editor.focused .cursor, .monaco-editor .cursor').first().boundingBox();
        if (box) {
          await page.mouse.move(box.x + 40, box.y - 30);
          await page.mouse.move(box.x + 6, box.y + box.height / 2, { steps: 5 });
        }
      }
      try {
        await hover.first().waitFor({ state: 'visible', timeout: 6000 });
        result.hover = [...new Set((await hover.allInnerTexts()).filter((t) => t.trim()))];
        log(`hover shown (attempt ${attempt})`);
      } catch (e) {
        const seen = await page.locator('.monaco-hover:not(.hidden)').allInnerTexts();
        log(`attempt ${attempt}: no hover card yet; visible: ${JSON.stringify(seen)}`);
        await page.keyboard.press('Escape');
        await page.locator('.monaco-editor textarea').first().focus();
        await page.waitForTimeout(1000);
      }
    }
    await screenshot(page, 'vscode-hover.png');
    await page.keyboard.press('Escape');

    // 2b. Completion: type a phrase start on an empty line and ask for suggestions
    // (Ctrl+Space); read the suggest widget, then leave the text as it was.
    if (process.env.COMPLETE_LINE) {
      await goTo(page, Number(process.env.COMPLETE_LINE));
      await page.keyboard.press('End');
      await page.keyboard.type(process.env.COMPLETE_PREFIX);
      const rows = page.locator('.suggest-widget .monaco-list-row');
      for (let attempt = 1; attempt <= 4 && !result.completion; attempt++) {
        await page.keyboard.press('Control+Space');
        try {
          await rows.first().waitFor({ state: 'visible', timeout: 5000 });
          await page.waitForTimeout(300);
          result.completion = await rows.allInnerTexts();
          log('suggestions', JSON.stringify(result.completion));
        } catch (e) {
          log(`attempt ${attempt}: no suggestions yet`);
          await page.keyboard.press('Escape');
        }
      }
      await screenshot(page, 'vscode-completion.png');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Z');
    }

    // 3. Quick fix: Ctrl+. on a finding, accept the first fix.
    await openFile(page, process.env.FIX_FILE);
    const fixLine = Number(process.env.FIX_LINE);
    const before = await lineText(page, fixLine);
    await cursorAt(page, process.env.FIX_TEXT, Number(process.env.FIX_OFFSET));
    const actions = page.locator('.action-widget .monaco-list-row.action');
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.keyboard.press('Control+.');
      try {
        await actions.first().waitFor({ state: 'visible', timeout: 5000 });
        break;
      } catch (e) {
        log(`attempt ${attempt}: no quick fix menu yet`);
        await page.keyboard.press('Escape');
        await page.waitForTimeout(1000);
      }
    }
    const labels = await actions.allInnerTexts();
    log('quick fixes', JSON.stringify(labels));
    await screenshot(page, 'vscode-quickfix.png');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1000);
    const after = await lineText(page, fixLine);
    result.fix = { before, after, actions: labels };
    log('line before', before);
    log('line after', after);
    // 3b. The commands, from the Command Palette: fix all in file, then reindex the archive.
    await runCommand(page, 'gongwen: Fix all in file');
    let afterFixAll = after;
    for (let i = 0; i < 20 && afterFixAll === after; i++) {
      await page.waitForTimeout(500);
      afterFixAll = await lineText(page, fixLine);
    }
    result.fix.after_fix_all = afterFixAll;
    log('line after Fix all in file', afterFixAll);
    await runCommand(page, 'gongwen: Reindex archive');
    await page.waitForTimeout(2000);
    result.status_after_reindex = await statusText(page);

    // 4. A setting changed in the Settings editor reaches the running server: gongwen.lang =
    // en, and the Problems panel shows English messages.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Comma');
    await page.waitForSelector('.settings-editor', { timeout: 20000 });
    await page.waitForTimeout(1000);
    await page.keyboard.type('gongwen.lang');
    const select = page.locator('.settings-editor .setting-item-contents[data-key="gongwen.lang"] select');
    await select.waitFor({ timeout: 20000 });
    await select.selectOption('en');
    log('settings editor: gongwen.lang = en');
    await screenshot(page, 'vscode-settings.png');
    const english = page.locator('.markers-panel .monaco-list-row', { hasText: 'half-width comma in Chinese text' });
    try {
      await english.first().waitFor({ timeout: 30000 });
      result.live_setting = await english.first().innerText();
      log('live setting: English messages');
    } catch (e) {
      result.live_setting = null;
      log('live setting: no English message within 30 s');
    }
    // The final picture: the draft with its diagnostics and the hover card.
    await openFile(page, process.env.DIAG_FILE);
    await page.waitForTimeout(500);
    await screenshot(page, 'vscode.png');
  } catch (e) {
    result.error = String(e && e.stack ? e.stack : e);
    log('ERROR', result.error);
    try {
      await screenshot(page, 'vscode-error.png');
    } catch (e2) {
      // the page is gone
    }
  }
  fs.writeFileSync(path.join(OUT, 'result.json'), JSON.stringify(result, null, 1));
  await ctx.close();
  fs.rmSync(profile, { recursive: true, force: true });
  process.exit(0);
})();
