/**
 * `.env.example` lists every variable of the README's configuration table with the same default, and
 * nothing else: a variable added to one and forgotten in the other fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The README's "## Configuration" table as `name → default` ('' where the default is not a literal). */
function readmeVariables(): Map<string, string> {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Configuration'));
  const table = section.slice(0, section.indexOf('\n## ', 5));
  const variables = new Map<string, string>();
  for (const line of table.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !cells[1]?.startsWith('`')) continue;
    const names = [...cells[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1] ?? '');
    const defaults = (cells[2] ?? '').split(' / ');
    names.forEach((name, i) => {
      const part = (defaults.length === names.length ? defaults[i] : defaults[0])?.trim() ?? '';
      variables.set(name, part.startsWith('`') ? (/^`([^`]*)`/.exec(part)?.[1] ?? '') : '');
    });
  }
  return variables;
}

/** `.env.example`'s `NAME=value` lines (commented or not) as `name → value`. */
function exampleVariables(): Map<string, string> {
  const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
  const variables = new Map<string, string>();
  for (const m of example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=(.*)$/gm)) variables.set(m[1] ?? '', (m[2] ?? '').trim());
  return variables;
}

describe('.env.example', () => {
  it('names exactly the variables of the README configuration table', () => {
    const readme = readmeVariables();
    expect(readme.size).toBeGreaterThan(30);
    expect([...exampleVariables().keys()].sort()).toEqual([...readme.keys()].sort());
  });

  it('gives each variable the default the README gives it', () => {
    const example = exampleVariables();
    for (const [name, fallback] of readmeVariables()) expect(`${name}=${example.get(name)}`).toBe(`${name}=${fallback}`);
  });

  it('sets nothing by itself: every assignment is commented out, so copying it changes no default', () => {
    const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
    expect(example.split('\n').filter((line) => /^[A-Z][A-Z0-9_]+=/.test(line))).toEqual([]);
  });
});
