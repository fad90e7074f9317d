'use strict';
// Azure Pipelines task entry (Node20_1 handler). Starts the bundled ambassador-canary binary.
//
// The inputs are read here, first thing, from the INPUT_* variables the agent sets, and handed to the binary
// explicitly: azure-pipelines-task-lib (which this wrapper does not use) deletes INPUT_* from process.env when
// loaded, so relying on inheritance would break as soon as anything imports it. No dependencies on purpose.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const BINARY_NAME = 'ambassador-canary';

/** The agent's variable for a task input: the name uppercased, spaces to underscores. */
function inputVariable(name) {
  return 'INPUT_' + name.replace(/ /g, '_').toUpperCase();
}

/** Input names as declared in task.json beside this file. */
function readInputNames(taskDir) {
  const task = JSON.parse(fs.readFileSync(path.join(taskDir, 'task.json'), 'utf8'));
  return task.inputs.map((input) => input.name);
}

/** { INPUT_X: value } for every declared input the agent set, empty ones left out. */
function collectInputs(env, names) {
  const inputs = {};
  for (const name of names) {
    const key = inputVariable(name);
    const value = env[key];
    if (value !== undefined && value !== '') {
      inputs[key] = value;
    }
  }
  return inputs;
}

/** The child's environment: ours without any INPUT_*, then exactly the declared inputs, and the Azure marker. */
function childEnvironment(env, inputs) {
  const result = {};
  for (const [key, value] of Object.entries(env)) {
    if (!key.toUpperCase().startsWith('INPUT_')) {
      result[key] = value;
    }
  }
  Object.assign(result, inputs);
  result.TF_BUILD = 'True';
  return result;
}

/** The bundled binary for this machine; only linux-x64 is shipped. */
function binaryPath(taskDir, platform, arch) {
  return path.join(taskDir, 'bin', `${platform}-${arch}`, BINARY_NAME);
}

function escapeData(text) {
  return String(text).replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function fail(out, message) {
  out.write(`##vso[task.logissue type=error;]${escapeData(message)}\n`);
  out.write(`##vso[task.complete result=Failed;]${escapeData(message)}\n`);
}

/**
 * Runs the binary with the inputs; resolves to the exit code for this process.
 * Signals sent to the wrapper (cancellation) are forwarded, so the binary can set the weight back to 0.
 */
function run({ taskDir = __dirname, env = process.env, platform = process.platform, arch = process.arch, out = process.stdout, signals = process } = {}) {
  const inputs = collectInputs(env, readInputNames(taskDir));
  const binary = binaryPath(taskDir, platform, arch);
  if (!fs.existsSync(binary)) {
    fail(out, `ambassador-canary: no binary for ${platform}-${arch} in this task (only linux-x64 is bundled)`);
    return Promise.resolve(1);
  }

  // Extension packaging does not always keep the executable bit.
  fs.chmodSync(binary, 0o755);

  return new Promise((resolve) => {
    const child = spawn(binary, [], { env: childEnvironment(env, inputs), stdio: ['ignore', 'inherit', 'inherit'] });
    const forward = (signal) => child.kill(signal);
    signals.on('SIGINT', forward);
    signals.on('SIGTERM', forward);
    const done = (code) => {
      signals.removeListener('SIGINT', forward);
      signals.removeListener('SIGTERM', forward);
      resolve(code);
    };
    child.on('error', (error) => {
      fail(out, `ambassador-canary: could not start ${binary}: ${error.message}`);
      done(1);
    });
    child.on('exit', (code, signal) => {
      if (code === 0) {
        done(0);
        return;
      }
      const reason = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
      // The binary logs its own errors; this only makes sure a crash before its task.complete still fails the step.
      out.write(`##vso[task.complete result=Failed;]ambassador-canary ${reason}\n`);
      done(code || 1);
    });
  });
}

module.exports = { inputVariable, readInputNames, collectInputs, childEnvironment, binaryPath, run };

if (require.main === module) {
  run().then((code) => {
    process.exitCode = code;
  });
}
