/**
 * `zorginkoop completion [bash|zsh]`: a script generated from the command tree, run here in bash
 * as the shell would run it on Tab.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram, main } from '../../cli';

async function script(shell?: string): Promise<string> {
  let out = '';
  const code = await main(['completion', ...(shell ? [shell] : [])], {}, { out: (t) => (out += t), err: () => undefined });
  expect(code).toBe(0);
  return out;
}

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'completion-'));
  writeFileSync(join(dir, 'zorginkoop.bash'), await script('bash'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What bash offers on Tab after `words` (the last one being completed). */
function complete(...words: string[]): string[] {
  const array = ['zorginkoop', ...words].map((w) => `'${w}'`).join(' ');
  const out = execFileSync('bash', ['-c', `source ${join(dir, 'zorginkoop.bash')}; COMP_WORDS=(${array}); COMP_CWORD=${words.length}; _zorginkoop; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

test('commands, subcommands, options and choices complete from the command tree', () => {
  const top = buildProgram({}, { out: () => undefined, err: () => undefined }).commands.map((c) => c.name());
  expect(complete('')).toEqual(expect.arrayContaining(top));
  expect(complete('sta')).toEqual(['status']);
  expect(complete('contracts', '')).toEqual(['list', 'export']);
  expect(complete('--json', 'contracts', 'ex')).toEqual(['export']);
  expect(complete('contracts', 'list', '--p')).toEqual(['--policy']);
  expect(complete('status', '01000001', '--')).toEqual(expect.arrayContaining(['--policy', '--kind', '--help']));
  expect(complete('deadline', 'move', '')).toEqual(['signing-deadline', 'questionnaire-deadline', 'offer']);
  expect(complete('completion', '')).toEqual(['bash', 'zsh']);
  expect(complete('--v')).toEqual(['--version']);
});

test('zsh: the same completion through bashcompinit', async () => {
  const zsh = await script('zsh');
  expect(zsh).toContain('autoload -U +X bashcompinit && bashcompinit');
  expect(zsh).toContain('complete -F _zorginkoop zorginkoop');
  expect(await script()).toBe(await script('bash'));
  let err = '';
  expect(await main(['completion', 'fish'], {}, { out: () => undefined, err: (t) => (err += t) })).toBe(2);
  expect(err).toContain("value 'fish' is invalid for argument 'shell'. Allowed choices are bash, zsh.");
});
