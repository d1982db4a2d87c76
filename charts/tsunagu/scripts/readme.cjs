#!/usr/bin/env node
// Writes charts/tsunagu/README.md from Chart.yaml and the `## @section` / `## @param` lines of values.yaml (one place
// documents each value; this only lays it out). `--check` exits 1 when the README is not what values.yaml gives.
//   node charts/tsunagu/scripts/readme.cjs [--check]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('yaml');

const chartDir = path.resolve(__dirname, '..');
const readmePath = path.join(chartDir, 'README.md');

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function defaultOf(values, key) {
  const value = key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), values);
  if (value === undefined) return '';
  if (typeof value === 'string') return value === '' ? '`""`' : `\`${cell(value)}\``;
  return `\`${cell(JSON.stringify(value))}\``;
}

function renderReadme() {
  const chart = parse(fs.readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8'));
  const valuesText = fs.readFileSync(path.join(chartDir, 'values.yaml'), 'utf8');
  const values = parse(valuesText);
  const sections = [];
  for (const line of valuesText.split('\n')) {
    const section = line.match(/^\s*## @section (.+)$/);
    if (section) {
      sections.push({ title: section[1].trim(), params: [] });
      continue;
    }
    const param = line.match(/^\s*## @param (\S+) (.+)$/);
    if (param) {
      if (!sections.length) sections.push({ title: 'Parameters', params: [] });
      sections[sections.length - 1].params.push({ key: param[1], description: param[2].trim() });
    }
  }
  const out = [
    `# Tsunagu Helm chart (${chart.name} ${chart.version}, app ${chart.appVersion})`,
    '',
    '<!-- Generated from values.yaml by `node charts/tsunagu/scripts/readme.cjs`: edit the `## @param` lines there and run it (npm test checks this file). -->',
    '',
    chart.description.trim(),
    '',
    '## Install',
    '',
    'Releases are published as a signed OCI artifact next to the signed images (`ghcr.io/<owner>/tsunagu-<component>`):',
    '',
    '```bash',
    `helm upgrade --install tsunagu oci://ghcr.io/tsunagu/charts/tsunagu --version ${chart.version} -n tsunagu -f my-values.yaml`,
    'helm test tsunagu -n tsunagu',
    '```',
    '',
    'Start from `values-production.yaml`. The guides: [install](../../docs/operations/install.md) (English),',
    '[インストール手順](../../docs/operations/ja/install.md) (日本語), a [closed network](../../docs/operations/ja/closed-network.md)',
    '(LGWAN 接続系: mirrored images and chart). `values.schema.json` checks types and enums; the templates refuse with a',
    'readable message what the schema cannot express (plain connections with `nodeEnv: production`, a `latest` tag, …).',
    '',
    '## Parameters',
  ];
  for (const section of sections) {
    if (!section.params.length) continue;
    out.push('', `### ${section.title}`, '', '| Name | Description | Default |', '|---|---|---|');
    for (const p of section.params) out.push(`| \`${p.key}\` | ${cell(p.description)} | ${defaultOf(values, p.key)} |`);
  }
  return `${out.join('\n')}\n`;
}

module.exports = { renderReadme, readmePath };

if (require.main === module) {
  const expected = renderReadme();
  if (process.argv.includes('--check')) {
    const actual = fs.existsSync(readmePath) ? fs.readFileSync(readmePath, 'utf8') : '';
    if (actual !== expected) {
      console.error('charts/tsunagu/README.md is out of date: run `node charts/tsunagu/scripts/readme.cjs`');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(readmePath, expected);
    console.log(`wrote ${path.relative(process.cwd(), readmePath)}`);
  }
}
