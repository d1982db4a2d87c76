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
  return `services run on Node ${process.version} here, the images on ${image}: \`npx -p node@${major(image)} node <this bench's script>\` measures what a city runs`;
}

module.exports = { imageNodeVersion, nodeDescription, runtimeWarning };
