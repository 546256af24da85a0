/**
 * The README's tool table against the contract: the same tools in the same order, each input and
 * output property listed, and `?` exactly on the optional ones — so the table cannot drift from the
 * schemas the server publishes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { calendarTools } from '@agendo/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const readme = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../README.md'), 'utf8');

/** The rows of the table whose header starts `| tool | input |`, as cells. */
function toolRows(): string[][] {
  const lines = readme.split('\n');
  const header = lines.findIndex((l) => l.startsWith('| tool | input |'));
  expect(header).toBeGreaterThan(0);
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/** The property names written in backticks in a cell, `?` kept (optional), `[]` dropped. */
function listed(cell: string): string[] {
  const quoted = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
  return quoted
    .flatMap((q) => q.split(/[,\s]+|\\\|/))
    .map((n) => n.replace(/\[\]$/, ''))
    .filter((n) => /^[a-z_]+\??$/.test(n));
}

/** A JSON Schema object's properties as the table writes them: `name?` when not required. */
function expected(schema: z.ZodObject, io: 'input' | 'output'): string[] {
  const json = z.toJSONSchema(schema, { io }) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.keys(json.properties ?? {}).map((name) => (json.required?.includes(name) ? name : `${name}?`));
}

describe('the README’s tool table', () => {
  it('lists the contract’s tools, in order', () => {
    expect(toolRows().map((r) => r[0]?.replaceAll('`', ''))).toEqual(Object.keys(calendarTools));
  });

  it.each(Object.values(calendarTools).map((t) => [t.name, t] as const))('lists every input and output property of %s', (name, tool) => {
    const row = toolRows().find((r) => r[0] === `\`${name}\``) ?? [];
    expect(listed(row[1] ?? '').sort()).toEqual(expected(tool.inputSchema, 'input').sort());
    expect(
      listed(row[2] ?? '')
        .filter((n) => n !== 'near')
        .sort(),
    ).toEqual(expected(tool.outputSchema, 'output').sort());
  });
});
