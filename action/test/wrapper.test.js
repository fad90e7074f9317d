'use strict';
const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const wrapper = require('../task/index.js');

const taskSource = path.join(__dirname, '..', 'task');
let taskDir;
let record;

/** A task folder laid out like the packaged one, with the fake binary in place of the real one. */
beforeEach(() => {
  taskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'canary-task-'));
  fs.copyFileSync(path.join(taskSource, 'index.js'), path.join(taskDir, 'index.js'));
  fs.copyFileSync(path.join(taskSource, 'task.json'), path.join(taskDir, 'task.json'));
  const binDir = path.join(taskDir, 'bin', 'linux-x64');
  fs.mkdirSync(binDir, { recursive: true });
  // 0644 on purpose: the wrapper must restore the executable bit packaging can lose.
  fs.copyFileSync(path.join(__dirname, 'fixtures', 'fake-binary'), path.join(binDir, 'ambassador-canary'));
  fs.chmodSync(path.join(binDir, 'ambassador-canary'), 0o644);
  record = path.join(taskDir, 'record.json');
});

afterEach(() => {
  fs.rmSync(taskDir, { recursive: true, force: true });
});

function runWrapper(env) {
  const child = spawn(process.execPath, [path.join(taskDir, 'index.js')], {
    env: { PATH: process.env.PATH, FAKE_RECORD: record, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout })));
  return { child, exited, stdout: () => stdout };
}

test('declared inputs reach the binary explicitly, undeclared and empty ones do not', { skip: process.platform !== 'linux' || process.arch !== 'x64' }, async () => {
  const { exited } = runWrapper({
    INPUT_STEPWEIGHTS: '10,50',
    INPUT_KUBECONFIG: 'apiVersion: v1\nkind: Config\n',
    INPUT_MAXLATENCYP99: '300ms',
    INPUT_CONTEXT: '',
    INPUT_NOTDECLARED: 'x',
    SYSTEM_DEBUG: 'true',
  });
  const { code } = await exited;

  assert.equal(code, 0);
  const seen = JSON.parse(fs.readFileSync(record, 'utf8'));
  assert.deepEqual(seen.argv, []);
  const inputs = Object.fromEntries(Object.entries(seen.env).filter(([k]) => k.startsWith('INPUT_')));
  assert.deepEqual(inputs, {
    INPUT_STEPWEIGHTS: '10,50',
    INPUT_KUBECONFIG: 'apiVersion: v1\nkind: Config\n',
    INPUT_MAXLATENCYP99: '300ms',
  });
  assert.equal(seen.env.TF_BUILD, 'True');
  assert.equal(seen.env.SYSTEM_DEBUG, 'true');
  assert.equal(fs.statSync(path.join(taskDir, 'bin', 'linux-x64', 'ambassador-canary')).mode & 0o777, 0o755);
});

test('a failing binary fails the task with its exit code', { skip: process.platform !== 'linux' || process.arch !== 'x64' }, async () => {
  const { exited } = runWrapper({ FAKE_EXIT: '3' });
  const { code, stdout } = await exited;

  assert.equal(code, 3);
  assert.match(stdout, /##vso\[task\.complete result=Failed;\]ambassador-canary exited with code 3\n$/);
});

test('cancellation is forwarded to the binary as SIGTERM', { skip: process.platform !== 'linux' || process.arch !== 'x64' }, async () => {
  const run = runWrapper({ FAKE_MODE: 'wait-for-sigterm' });
  await new Promise((resolve) => {
    const check = () => (run.stdout().includes('ready\n') ? resolve() : run.child.stdout.once('data', check));
    check();
  });

  run.child.kill('SIGTERM');
  const { code } = await run.exited;

  assert.equal(code, 0);
  assert.equal(fs.readFileSync(record + '.signal', 'utf8'), 'SIGTERM');
});

test('an unsupported platform fails with a clear message and starts nothing', async () => {
  const lines = [];
  const code = await wrapper.run({ taskDir, env: { INPUT_COMMAND: 'status' }, platform: 'win32', arch: 'x64', out: { write: (l) => lines.push(l) } });

  assert.equal(code, 1);
  assert.equal(fs.existsSync(record), false);
  assert.deepEqual(lines, [
    '##vso[task.logissue type=error;]ambassador-canary: no binary for win32-x64 in this task (only linux-x64 is bundled)\n',
    '##vso[task.complete result=Failed;]ambassador-canary: no binary for win32-x64 in this task (only linux-x64 is bundled)\n',
  ]);
});

test('input variables follow the agent: uppercased, spaces to underscores', () => {
  assert.equal(wrapper.inputVariable('stepWeights'), 'INPUT_STEPWEIGHTS');
  assert.equal(wrapper.inputVariable('odd name'), 'INPUT_ODD_NAME');
});

test('task.json declares camelCase inputs, outputs and a Node20_1 handler that exists', () => {
  const task = JSON.parse(fs.readFileSync(path.join(taskSource, 'task.json'), 'utf8'));
  for (const input of task.inputs) {
    assert.match(input.name, /^[A-Za-z][A-Za-z0-9]*$/);
    assert.ok(input.label && input.helpMarkDown, `${input.name} has a label and help`);
    if (input.groupName) {
      assert.ok(task.groups.some((g) => g.name === input.groupName), `${input.name}: group ${input.groupName} exists`);
    }
  }
  assert.deepEqual(task.outputVariables.map((o) => o.name),
    ['phase', 'result', 'weight', 'canaryRevision', 'decision', 'metrics', 'summary', 'previewUrl']);
  assert.equal(task.execution.Node20_1.target, 'index.js');
  assert.ok(fs.existsSync(path.join(taskSource, task.execution.Node20_1.target)));
});
