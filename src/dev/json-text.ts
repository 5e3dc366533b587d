/**
 * JSON as the repository's formatter (biome, line width 110) writes it: objects one key a line, an array of
 * scalars on one line when it fits, any other array one item a line. Generated files then pass `biome check`.
 */
export function jsonText(value: unknown, width = 110): string {
  return `${write(value, '', 0, width)}\n`;
}

const isScalar = (v: unknown) => v === null || typeof v !== 'object';

function write(v: unknown, indent: string, used: number, width: number): string {
  if (isScalar(v)) return JSON.stringify(v) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    if (v.every(isScalar)) {
      const line = `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
      if (used + line.length + 1 <= width) return line;
    }
    return `[\n${v.map((x) => `${inner}${write(x, inner, inner.length, width)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (!entries.length) return '{}';
  const lines = entries.map(([k, x]) => {
    const key = `${inner}${JSON.stringify(k)}: `;
    return `${key}${write(x, inner, key.length, width)}`;
  });
  return `{\n${lines.join(',\n')}\n${indent}}`;
}
