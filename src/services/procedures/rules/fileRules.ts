/**
 * Programs that read or write files, fetch URLs, or wrap another command
 * (sudo, xargs, find -exec, sh -c, ssh). Writing is mutating, removing is
 * destructive, and a wrapped command is classified for what it runs.
 */
import { baseName, hasOption, optionValue, scanArgs } from '../argScan';
import { script } from './containerRules';
import { destr, isSinkPath, isSystemPath, mut, ro, writeFinding, type Finding, type Recurse, type Rule } from './types';

export const tee: Rule = (args) => {
  const s = scanArgs(args);
  const append = hasOption(s, 'a', 'append');
  const files = s.positional;
  if (files.length === 0) return ro('tee to standard output');
  return files.flatMap((f) => writeFinding(f, append, 'tee'));
};

export const find: Rule = (args, r) => {
  const out: Finding[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-delete') out.push(...destr('find -delete removes the files it finds'));
    else if (['-exec', '-execdir', '-ok', '-okdir'].includes(a)) {
      let e = i + 1;
      while (e < args.length && args[e] !== ';' && args[e] !== '+') e++;
      out.push(...r.argv(args.slice(i + 1, e)));
      i = e;
    } else if (/^-f(print|print0|printf|ls)$/.test(a)) out.push(...mut(`find ${a} writes a file`));
  }
  return out.length ? out : ro('find only lists');
};

export const xargs: Rule = (args, r) => {
  const s = scanArgs(args, ['n', 'I', 'i', 'L', 'l', 'P', 'd', 'E', 's', 'a', 'max-args', 'replace', 'delimiter', 'arg-file', 'max-procs'], true);
  return s.positional.length ? r.argv(s.positional) : ro('xargs echo');
};

/** sudo, env, timeout, nice …: what they run decides. */
export const wrapper =
  (valued: string[], skipFirst = 0): Rule =>
  (args, r, program) => {
    const s = scanArgs(args, valued, true);
    if (program === 'sudo' && hasOption(s, 'i', 's', 'login', 'shell') && s.positional.length === 0) return mut('sudo -i/-s opens a root shell');
    if (program === 'sudo' && hasOption(s, 'e', 'edit')) return mut('sudoedit edits a file');
    let rest = s.positional.slice(skipFirst);
    if (program === 'env') {
      const k = rest.findIndex((x) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(x));
      rest = k < 0 ? [] : rest.slice(k);
    }
    if (program === 'command' && hasOption(s, 'v', 'V')) return ro('command -v only looks a name up');
    // watch hands its words to sh -c; a single word with spaces is a whole command line.
    if (program === 'watch' && rest.length) return r.shell(rest.join(' '));
    return rest.length ? r.argv(rest) : ro(`${program} alone`);
  };

/** What an interpreter does with its standard input: runs the text when known, else an unknown effect. */
export function fromInput(r: Recurse, program: string, as: 'shell' | 'sql'): Finding[] {
  const stdin = r.stdin;
  if (stdin === null) return mut(`${program} without ${as === 'sql' ? '-c' : 'a command'} is an interactive session`);
  if (stdin.kind === 'text') return as === 'sql' ? r.sql(stdin.text) : r.shell(stdin.text);
  return mut(`${program} runs ${as === 'sql' ? 'SQL' : 'commands'} from ${stdin.how}: unknown ${as === 'sql' ? 'SQL' : 'effect'}, treated as mutating`);
}

export const shell: Rule = (args, r, program) => {
  const s = scanArgs(args, ['o', 'O'], true);
  const c = s.options.get('c');
  if (c === true && s.positional[0] !== undefined) return r.shell(s.positional[0]);
  if (s.positional.length && !hasOption(s, 's')) return script(s.positional[0]!, `${program} runs script`);
  return fromInput(r, program, 'shell');
};

/** eval runs its arguments, joined, as shell text. */
export const evalRule: Rule = (args, r) => (args.length ? r.shell(args.join(' ')) : ro('eval of nothing'));

/** `source FILE` / `. FILE` runs a script in the current shell. */
export const source: Rule = (args, _r, program) => (args.length ? script(args[0]!, `${program} runs script`) : mut(`${program} without a file`));

/** su [-] [USER] -c TEXT: TEXT as shell text; without -c a login shell. */
export const su: Rule = (args, r) => {
  const s = scanArgs(args, ['c', 'command', 's', 'shell', 'g', 'group', 'G', 'w']);
  const c = optionValue(s, 'c', 'command');
  return c !== undefined ? r.shell(c) : fromInput(r, 'su', 'shell');
};

/** `watch CMD…` and `script -c CMD` hand their command to sh -c. */
export const viaShell =
  (valued: string[], option?: string): Rule =>
  (args, r, program) => {
    const s = scanArgs(args, valued, option === undefined);
    if (option !== undefined) {
      const c = s.options.get(option);
      return typeof c === 'string' ? r.shell(c) : mut(`${program} opens a session`);
    }
    return s.positional.length ? r.shell(s.positional.join(' ')) : ro(`${program} alone`);
  };

export const ssh: Rule = (args, r) => {
  const s = scanArgs(args, ['p', 'i', 'l', 'o', 'F', 'J', 'L', 'R', 'D', 'b', 'c', 'E', 'e', 'I', 'm', 'O', 'Q', 'S', 'W', 'w', 'B'], true);
  const remote = s.positional.slice(1);
  return remote.length ? r.shell(remote.join(' ')) : mut('ssh opens an interactive session');
};

export const psql: Rule = (args, r) => {
  const s = scanArgs(args, ['U', 'username', 'd', 'dbname', 'h', 'host', 'p', 'port', 'f', 'file', 'c', 'command', 'v', 'set', 'variable', 'o', 'output', 'F', 'R', 'P', 'T', 'L', 'log-file']);
  const out: Finding[] = [];
  // scanArgs keeps the last -c; find them all.
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c' || args[i] === '--command') out.push(...r.sql(args[i + 1] ?? ''));
    else if (args[i]!.startsWith('--command=')) out.push(...r.sql(args[i]!.slice(10)));
    else if (/^-c./.test(args[i]!)) out.push(...r.sql(args[i]!.slice(2)));
  }
  const file = optionValue(s, 'f', 'file');
  if (file === '-') out.push(...fromInput(r, 'psql', 'sql'));
  else if (file !== undefined) out.push(...mut(`psql -f ${file}: runs a script, unknown SQL, treated as mutating`));
  const o = optionValue(s, 'o', 'output');
  if (o !== undefined) out.push(...writeFinding(o, false, 'psql -o'));
  if (out.length) return out;
  if (hasOption(s, 'l', 'list', 'V', 'version')) return ro('psql lists databases');
  return fromInput(r, 'psql', 'sql');
};

/** mysql / mariadb: -e SQL, else what they read. */
export const mysql: Rule = (args, r, program) => {
  const s = scanArgs(args, ['u', 'user', 'p', 'h', 'host', 'P', 'port', 'D', 'database', 'e', 'execute', 'S', 'socket']);
  const e = optionValue(s, 'e', 'execute');
  if (e !== undefined) return r.sql(e);
  return fromInput(r, program, 'sql');
};

/** mongo / mongosh --eval JS: dropping or removing is destructive; any other script may write. */
export const mongo: Rule = (args, r, program) => {
  const s = scanArgs(args, ['eval', 'u', 'username', 'p', 'password', 'host', 'port', 'f', 'file', 'authenticationDatabase']);
  const js = optionValue(s, 'eval') ?? (r.stdin?.kind === 'text' ? r.stdin.text : undefined);
  if (js === undefined) return mut(`${program} runs a script or a session: unknown effect, treated as mutating`);
  if (/\.(drop|dropDatabase|remove|deleteOne|deleteMany|findOneAndDelete|dropIndex|dropIndexes|dropUser|dropAllUsers)\s*\(/.test(js)) return destr(`${program} script drops or deletes data`);
  if (/^\s*(db\.)?[\w.]*\.(find|findOne|count|countDocuments|estimatedDocumentCount|aggregate|stats|getCollectionNames|getIndexes|version|serverStatus|hello|isMaster)\s*\([^;]*\)[\w.()]*\s*;?\s*$/.test(js) && !/\$out|\$merge/.test(js)) return ro(`${program} query only reads`);
  return mut(`${program} script: unknown effect, treated as mutating`);
};

export const curl: Rule = (args) => {
  const s = scanArgs(args, ['X', 'request', 'd', 'data', 'data-raw', 'data-binary', 'data-urlencode', 'json', 'F', 'form', 'T', 'upload-file', 'o', 'output', 'H', 'header', 'w', 'write-out', 'u', 'user', 'A', 'e', 'm', 'max-time', 'connect-timeout', 'x', 'proxy', 'b', 'c', 'cookie-jar', 'K', 'config', 'retry', 'cacert', 'cert', 'key', 'r', 'range', 'y', 'Y', 'z']);
  const out: Finding[] = [];
  const method = (optionValue(s, 'X', 'request') ?? '').toUpperCase();
  if (method === 'DELETE') out.push(...destr('curl -X DELETE removes a remote resource'));
  else if (method && !['GET', 'HEAD', 'OPTIONS'].includes(method)) out.push(...mut(`curl -X ${method} changes a remote resource`));
  if (hasOption(s, 'd', 'data', 'data-raw', 'data-binary', 'data-urlencode', 'json', 'F', 'form', 'T', 'upload-file')) out.push(...mut('curl sends data (a POST or upload)'));
  const o = optionValue(s, 'o', 'output');
  if (o !== undefined && !isSinkPath(o)) out.push(...writeFinding(o, false, 'curl -o'));
  if (hasOption(s, 'O', 'remote-name', 'J', 'c', 'cookie-jar')) out.push(...mut('curl writes a file'));
  return out.length ? out : ro('curl GET only reads');
};

export const wget: Rule = (args) => {
  const s = scanArgs(args, ['O', 'output-document', 'o', 'output-file', 'P', 'directory-prefix', 't', 'T', 'U', 'header']);
  const o = optionValue(s, 'O', 'output-document');
  if (hasOption(s, 'spider') || (o !== undefined && isSinkPath(o))) return ro('wget without saving only reads');
  if (o !== undefined) return writeFinding(o, false, 'wget -O');
  const dir = optionValue(s, 'P', 'directory-prefix');
  if (dir !== undefined) return writeFinding(`${dir.replace(/\/+$/, '')}/`, false, 'wget -P');
  return mut('wget saves a file');
};

/** cp, mv, install, ln: emptying a file (from /dev/null) or overwriting a system file is destructive. */
export const copy: Rule = (args, _r, program) => {
  const s = scanArgs(args, ['t', 'target-directory', 'S', 'suffix', 'm', 'mode', 'o', 'owner', 'g', 'group']);
  const targetDir = optionValue(s, 't', 'target-directory');
  const files = s.positional;
  const target = targetDir ?? files[files.length - 1];
  const sources = targetDir !== undefined ? files : files.slice(0, -1);
  if (target !== undefined && sources.some((f) => f === '/dev/null' || f === '/dev/zero')) return destr(`${program} ${sources[0]} ${target} empties ${target} (like truncate)`);
  if (target !== undefined && sources.length > 0 && isSystemPath(target)) return destr(`${program} into ${target} overwrites a system file`);
  if (program === 'mv' && sources.length > 0) return mut('mv moves files (the source is gone from where it was)');
  return mut(`${program} changes files`);
};

export const tar: Rule = (args) => {
  const first = args[0] ?? '';
  // Old-style bundled mode (`tar czf`), or any option group.
  const letters = [first.startsWith('-') ? '' : first, ...args.filter((a) => /^-[A-Za-z]+$/.test(a)).map((a) => a.slice(1))].join('');
  if (args.includes('--delete')) return destr('tar --delete removes members from an archive');
  if (/x/.test(letters) || args.includes('--extract') || args.includes('--get')) return mut('tar extracts files (may overwrite)');
  if (/[cru]/.test(letters) || args.includes('--create') || args.includes('--append')) return mut('tar writes an archive');
  if (/t/.test(letters) || args.includes('--list')) return ro('tar -t only lists');
  return mut('tar: treated as mutating');
};

export const sed: Rule = (args) => (args.some((a) => /^-[A-Za-z]*i/.test(a) || a.startsWith('--in-place')) ? mut('sed -i edits files in place') : ro('sed only prints'));

export const awk: Rule = (args, _r, program) => {
  const prog = args.find((a) => !a.startsWith('-')) ?? '';
  return /system\s*\(|>\s*"|\|\s*"|>\s*[A-Za-z_$]/.test(prog) ? mut(`${program} program writes files or runs commands`) : ro(`${program} only prints`);
};

export const openssl: Rule = (args) => {
  const s = scanArgs(args, ['out', 'keyout', 'in', 'config', 'days', 'subj', 'passin', 'passout', 'CAfile', 'connect', 'servername']);
  const out = args.indexOf('-out') >= 0 ? args[args.indexOf('-out') + 1] : args.includes('-keyout') ? args[args.indexOf('-keyout') + 1] : undefined;
  if (out !== undefined) return writeFinding(out, false, `openssl ${s.positional[0] ?? ''}`.trim());
  return ro(`openssl ${s.positional[0] ?? ''} only reads`.trim());
};

export const git: Rule = (args) => {
  const sub = scanArgs(args, ['C', 'c'], true).positional[0] ?? '';
  const rest = args.slice(args.indexOf(sub) + 1);
  if (['status', 'log', 'diff', 'show', 'rev-parse', 'describe', 'ls-files', 'blame', 'remote', 'config'].includes(sub) && !rest.some((a) => ['add', 'remove', 'set-url', '--unset'].includes(a))) return ro(`git ${sub} only reads`);
  if ((sub === 'reset' && rest.includes('--hard')) || sub === 'clean' || (sub === 'push' && rest.some((a) => a === '-f' || a.startsWith('--force')))) return destr(`git ${sub} discards work`);
  return mut(`git ${sub} changes the repository`);
};

const DESTROYING = new Set(['rm', 'rmdir', 'shred', 'unlink', 'truncate', 'wipefs', 'fdisk', 'parted', 'sfdisk', 'dd', 'umount', 'userdel', 'groupdel', 'swapoff', 'lvremove', 'vgremove']);
const WRITING = new Set(['mkdir', 'touch', 'chmod', 'chown', 'chgrp', 'gzip', 'gunzip', 'bzip2', 'bunzip2', 'xz', 'unxz', 'zip', 'unzip', 'logger', 'fstrim', 'useradd', 'usermod', 'passwd', 'chpasswd', 'groupadd', 'update-ca-certificates', 'rsync', 'mount', 'swapon', 'setfacl', 'chattr']);

/** Programs whose name alone says they write or remove. */
export function byName(program: string, args: string[]): Finding[] | null {
  const name = baseName(program);
  if (name.startsWith('mkfs')) return destr(`${name} formats a filesystem`);
  if (DESTROYING.has(name)) return destr(`${name} removes data`);
  if (name === 'rsync' && args.some((a) => a.startsWith('--delete'))) return destr('rsync --delete removes files');
  if (name === 'mount' && args.length === 0) return ro('mount lists mounts');
  if (WRITING.has(name)) return mut(`${name} changes files or the system`);
  return null;
}
