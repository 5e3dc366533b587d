import type { InstructionInfo, StageFacts } from './stage.js';

/** ENV, ARG, USER, WORKDIR, EXPOSE, ENTRYPOINT/CMD, HEALTHCHECK and LABELs of one stage, as the last one wins. */
export function stageFacts(instructions: readonly InstructionInfo[]): StageFacts {
  const f: StageFacts = {
    env: {},
    args: [],
    user: null,
    workdir: null,
    expose: [],
    entrypoint: null,
    cmd: null,
    healthcheck: null,
    labels: {},
  };
  for (const i of instructions) {
    switch (i.keyword) {
      case 'ENV':
        for (const [k, v] of i.properties) f.env[k] = v ?? '';
        break;
      case 'LABEL':
        for (const [k, v] of i.properties) f.labels[k] = v ?? '';
        break;
      case 'ARG':
        for (const [k] of i.properties) if (!f.args.includes(k)) f.args.push(k);
        break;
      case 'USER':
        f.user = i.args;
        break;
      case 'WORKDIR':
        f.workdir =
          i.args.startsWith('/') || f.workdir === null ? i.args : `${f.workdir.replace(/\/$/, '')}/${i.args}`;
        break;
      case 'EXPOSE':
        f.expose.push(...i.argv);
        break;
      case 'ENTRYPOINT':
        f.entrypoint = form(i);
        f.cmd = null; // Docker resets CMD when ENTRYPOINT is set in the same stage
        break;
      case 'CMD':
        f.cmd = form(i);
        break;
      case 'HEALTHCHECK':
        f.healthcheck = i.argv[0]?.toUpperCase() === 'NONE' ? null : i.args;
        break;
    }
  }
  return f;
}

const form = (i: InstructionInfo): string => (i.json ? JSON.stringify(i.argv) : i.args);
