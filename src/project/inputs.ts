import { loadIgnoreRules } from '../context/dockerignore.js';
import { stageInputFiles } from '../context/inputs.js';
import { contextFiles } from '../context/walk.js';
import type { Project } from './project.js';

/** Reads the build context (with its ignore file) and counts what each stage takes from it. */
export function readContextInputs(p: Project): Map<string, string[]> {
  const rules = loadIgnoreRules(p.config.dockerfile, p.config.context);
  p.model.dockerignore = rules.file ? { file: rules.file, patterns: rules.patterns } : null;
  return stageInputFiles(p.model, contextFiles(p.config.context, rules));
}
