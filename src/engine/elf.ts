/**
 * Whether an executable can run on its own in an image FROM scratch: an ELF file without an interpreter
 * (PT_INTERP) program header, i.e. statically linked. 32- and 64-bit, either byte order.
 */
export function isStaticElf(b: Buffer): boolean {
  if (b.length < 52 || b.readUInt32BE(0) !== 0x7f454c46) return false;
  const is64 = b[4] === 2;
  const le = b[5] !== 2;
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const u64 = (o: number) => Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o));
  if (is64 && b.length < 64) return false;
  const phoff = is64 ? u64(32) : u32(28);
  const phentsize = u16(is64 ? 54 : 42);
  const phnum = u16(is64 ? 56 : 44);
  if (phentsize === 0 || phoff + phnum * phentsize > b.length) return false;
  let loadable = false;
  for (let i = 0; i < phnum; i++) {
    const type = u32(phoff + i * phentsize);
    if (type === 3) return false; // PT_INTERP: needs a dynamic loader the image may not have
    if (type === 1) loadable = true;
  }
  return loadable;
}
