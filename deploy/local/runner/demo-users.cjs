// The demo users the local idp prints when it starts, for the stack's ready message and landing page.
'use strict';

/** The demo users block the idp prints at start (from the line starting with "Demo users"). */
function demoUsersFrom(stdout) {
  const start = stdout.search(/^Demo users/m);
  if (start < 0) return { users: [], text: '' };
  return parseUsers(stdout.slice(start));
}

/** Normalises the idp's demo user list (JSON array or object) to [{ username, password, roles, description }]. */
function parseUsers(output) {
  const text = output.trim();
  if (!text) return { users: [], text: '' };
  try {
    const parsed = JSON.parse(text);
    const list = Array.isArray(parsed) ? parsed : Object.entries(parsed).map(([username, value]) => ({ username, ...value }));
    return {
      users: list.map((user) => ({
        username: user.username ?? user.login ?? user.id ?? user.sub,
        password: user.password,
        roles: user.roles ?? user.role,
        description: user.description ?? user.name ?? user.agency ?? '',
      })),
      text: '',
    };
  } catch {
    return { users: [], text };
  }
}

function formatUsers(users) {
  const rows = users.map((user) => [user.username ?? '', user.password ?? '', [].concat(user.roles ?? []).join(','), user.description ?? '']);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => String(row[i]).length), 4));
  return rows.map((row) => `  ${row.map((cell, i) => (i < 3 ? String(cell).padEnd(widths[i]) : cell)).join('  ')}`.trimEnd()).join('\n');
}

module.exports = { demoUsersFrom, parseUsers, formatUsers };
