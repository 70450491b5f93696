import { DockerfileParser, ModifiableInstruction, type Instruction, type PropertyInstruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { readRepoFile } from './repo';

/** One build stage: its FROM line and the instructions up to the next FROM. */
export interface DockerStage {
  name: string | null;
  image: string;
  instructions: Instruction[];
}

export interface ParsedDockerfile {
  stages: DockerStage[];
  /** Syntax errors found by dockerfile-utils (the VS Code Docker extension's validator); empty when it parses. */
  syntaxErrors: string[];
}

export interface CopyInstruction {
  /** The stage named by --from, or null when the sources come from the build context. */
  from: string | null;
  sources: string[];
  dest: string;
  line: number;
}

/** DiagnosticSeverity.Error of the language server protocol, which dockerfile-utils reports in. */
const LSP_ERROR = 1;

export function parseDockerfile(text: string): ParsedDockerfile {
  const stages: DockerStage[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const args = instruction.getArguments().map((a) => a.getValue());
      const asIndex = args.findIndex((a) => a.toUpperCase() === 'AS');
      stages.push({ image: args[0] ?? '', name: asIndex >= 0 ? (args[asIndex + 1] ?? null) : null, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  const syntaxErrors = validate(text)
    .filter((d) => d.severity === LSP_ERROR)
    .map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
  return { stages, syntaxErrors };
}

export const readDockerfile = (repoRelativePath: string): ParsedDockerfile =>
  parseDockerfile(readRepoFile(repoRelativePath));

export const finalStage = (parsed: ParsedDockerfile): DockerStage | undefined => parsed.stages.at(-1);

export const instructionsOf = (stage: DockerStage, keyword: string): Instruction[] =>
  stage.instructions.filter((i) => i.getKeyword() === keyword);

const lineOf = (instruction: Instruction): number => instruction.getRange().start.line + 1;

function flagValue(instruction: Instruction, name: string): string | null {
  const flags = instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
  return flags.find((f) => f.getName() === name)?.getValue() ?? null;
}

/** The exec-form (JSON array) arguments of CMD, ENTRYPOINT or HEALTHCHECK CMD; null for the shell form. */
export function execForm(instruction: Instruction): string[] | null {
  let content = instruction.getArgumentsContent() ?? '';
  if (instruction.getKeyword() === 'HEALTHCHECK') {
    const at = content.indexOf('CMD');
    if (at < 0) return null;
    content = content.slice(at + 3);
  }
  try {
    const parsed: unknown = JSON.parse(content.trim());
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

export function copyInstructions(stage: DockerStage): CopyInstruction[] {
  return [...instructionsOf(stage, 'COPY'), ...instructionsOf(stage, 'ADD')].map((instruction) => {
    const json = execForm(instruction);
    const args = json ?? instruction.getArguments().map((a) => a.getValue());
    // Flags (--from, --chown, ...) are not arguments for dockerfile-ast; the last argument is the destination.
    return {
      from: flagValue(instruction, 'from'),
      sources: args.slice(0, -1),
      dest: args.at(-1) ?? '',
      line: lineOf(instruction),
    };
  });
}

/** Key/value pairs of a stage's ENV or LABEL lines, in order, later values winning (getValue() unquotes as Docker does). */
function propertiesOf(stage: DockerStage, keyword: 'ENV' | 'LABEL'): Record<string, string> {
  const values: Record<string, string> = {};
  for (const instruction of instructionsOf(stage, keyword) as PropertyInstruction[]) {
    for (const property of instruction.getProperties()) values[property.getName()] = property.getValue() ?? '';
  }
  return values;
}

export const envOf = (stage: DockerStage): Record<string, string> => propertiesOf(stage, 'ENV');
export const labelsOf = (stage: DockerStage): Record<string, string> => propertiesOf(stage, 'LABEL');

/** RUN commands of a stage as shell text, without RUN's own flags (--mount=...). */
export const runCommands = (stage: DockerStage): string[] =>
  instructionsOf(stage, 'RUN').map((i) =>
    i
      .getArguments()
      .map((a) => a.getValue())
      .join(' '),
  );

/** The WORKDIR in effect at the end of a stage ("/" when none). */
export const workdirOf = (stage: DockerStage): string =>
  instructionsOf(stage, 'WORKDIR')
    .at(-1)
    ?.getArguments()
    .map((a) => a.getValue())
    .join(' ') ?? '/';

/** The last USER of a stage, or null when the stage never sets one (then it runs as the base image's user). */
export const userOf = (stage: DockerStage): string | null =>
  instructionsOf(stage, 'USER')
    .at(-1)
    ?.getArguments()
    .map((a) => a.getValue())
    .join(' ') ?? null;

export const exposedPorts = (stage: DockerStage): string[] =>
  instructionsOf(stage, 'EXPOSE').flatMap((i) => i.getArguments().map((a) => a.getValue().replace(/\/tcp$/, '')));
