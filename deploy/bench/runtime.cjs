// The Node.js the service images run (deploy/docker/service.Dockerfile's NODE_IMAGE), beside the one a bench runs its
// services on (process.execPath). They can differ by a major version on a development machine, and that matters:
// the person search answered a third more on Node 24 than on Node 20 (docs/performance.md, 2026-12-06).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const DOCKERFILE = path.join(__dirname, '..', 'docker', 'service.Dockerfile');

/** The image's Node version (e.g. 24.21.0), or undefined when the Dockerfile does not say. */
function imageNodeVersion() {
  try {
    return /^ARG NODE_IMAGE=node:(\d+(?:\.\d+)*)/m.exec(fs.readFileSync(DOCKERFILE, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

const major = (version) => version.replace(/^v/, '').split('.')[0];

/** This process's Node version, with the image's when its major version differs (for the "Measured … Node …" line). */
function nodeDescription() {
  const image = imageNodeVersion();
  return image && major(image) !== major(process.version) ? `${process.version} (the images run ${image})` : process.version;
}

/** A warning to print before measuring when the services will not run on the image's major version; else undefined. */
function runtimeWarning() {
  const image = imageNodeVersion();
  if (!image || major(image) === major(process.version)) return undefined;
  return `services run on Node ${process.version} here, the images on ${image}: \`npx -p node@${major(image)} node <this bench's script>\` measures what a city runs (npm run bench does so unless BENCH_NODE=current)`;
}

/**
 * The executable of the images' Node when this process runs another major version (fetched once by npx from the npm
 * registry, as `npx -p node@… node` does); undefined when they already match, when BENCH_NODE=current asks for this
 * Node, or when it cannot be had (offline): the bench then runs here and says so (runtimeWarning).
 */
function imageNodeExecutable({ warn = () => undefined } = {}) {
  const image = imageNodeVersion();
  if (!image || major(image) === major(process.version) || process.env.BENCH_NODE === 'current') return undefined;
  try {
    const { execFileSync } = require('node:child_process');
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const executable = execFileSync(npx, ['-y', '-p', `node@${image}`, 'node', '-e', 'process.stdout.write(process.execPath)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    return executable || undefined;
  } catch (error) {
    warn(`could not fetch Node ${image} with npx (${String(error?.message ?? error).split('\n')[0]}): measuring on ${process.version}`);
    return undefined;
  }
}

module.exports = { imageNodeVersion, imageNodeExecutable, nodeDescription, runtimeWarning };
