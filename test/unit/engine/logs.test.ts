import { describe, expect, it } from 'vitest';
import { demuxLogs, splitFrames } from '../../../src/engine/logs.js';

const frame = (stream: number, text: string) => {
  const payload = Buffer.from(text);
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(payload.length, 4);
  return Buffer.concat([head, payload]);
};

describe("Docker's multiplexed stream", () => {
  it('splits complete frames and keeps an incomplete one for later', () => {
    const all = Buffer.concat([frame(1, 'out'), frame(2, 'err'), frame(1, 'more')]);
    const cut = all.length - 2;
    const first = splitFrames(all.subarray(0, cut));
    expect(first.frames.map((f) => [f.stream, f.payload.toString()])).toEqual([
      [1, 'out'],
      [2, 'err'],
    ]);
    const second = splitFrames(Buffer.concat([first.rest, all.subarray(cut)]));
    expect(second.frames.map((f) => f.payload.toString())).toEqual(['more']);
    expect(second.rest.length).toBe(0);
  });

  it('demuxes a whole log into stdout and stderr', () => {
    expect(demuxLogs(Buffer.concat([frame(1, 'a'), frame(2, 'b'), frame(1, 'c')]))).toEqual({
      stdout: 'ac',
      stderr: 'b',
    });
  });
});
