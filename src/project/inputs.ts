import { loadIgnoreRules } from '../context/dockerignore.js';
import { stageInputFiles } from '../context/inputs.js';
import { ContextIndex } from '../context/sources.js';
import { contextTree } from '../context/walk.js';
import { stageContextSources } from '../dockerfile/context-sources.js';
import type { Project } from './project.js';

/** Reads the build context (with its ignore file) and what each stage takes from it, as BuildKit selects it. */
export function readContextInputs(p: Project): Map<string, string[]> {
  const rules = loadIgnoreRules(p.config.dockerfile, p.config.context);
  p.model.dockerignore = rules.file ? { file: rules.file, patterns: rules.patterns } : null;
  const tree = contextTree(p.config.context, rules);
  return stageInputFiles(stageContextSources(p.model, p.text), new ContextIndex(tree.files, tree.symlinks));
}
