import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// @actions/workflow-parser (test/helpers/ci.ts) imports its JSON schema without an import attribute, which
// Node refuses: vite transforms it instead, read without its source maps (they point at files not shipped).
const WORKFLOW_PARSER = '/node_modules/@actions/workflow-parser/';

export default defineConfig({
  plugins: [
    {
      name: 'workflow-parser-without-sourcemaps',
      load: (id) =>
        id.includes(WORKFLOW_PARSER) && id.endsWith('.js')
          ? { code: readFileSync(id, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, ''), map: null }
          : null,
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    // Engine tests share one Docker engine and 2 cores: run files one at a time, tests inside in order.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 1_200_000,
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default'],
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
