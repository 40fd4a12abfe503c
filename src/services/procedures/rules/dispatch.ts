/**
 * Program name → rule. A program no rule knows is mutating: when in doubt,
 * the higher risk. The read-only list holds only programs that cannot
 * change anything by themselves (their redirections are judged separately).
 */
import { baseName } from '../argScan';
import { compose, docker, riskPlatform, script } from './containerRules';
import { awk, byName, curl, find, git, openssl, psql, sed, shell, ssh, tar, tee, wget, wrapper, xargs } from './fileRules';
import { certbot, crontab, dpkg, iptables, journalctl, kill, nft, packages, pgTools, power, redisCli, service, sysctl, systemctl, ufw } from './systemRules';
import { mut, ro, type Finding, type Recurse, type Rule } from './types';

const READ_ONLY = new Set(
  [
    'ls cat tac nl head tail grep egrep fgrep zgrep zcat less more wc sort uniq cut tr column paste join comm diff cmp fold fmt',
    'od hexdump xxd strings file stat du df free top htop ps pgrep pstree pidof uptime w who whoami id groups last lastlog',
    'uname cal nproc lscpu lsblk blkid lsof lsmod netstat ss ifconfig route arp dig nslookup host ping traceroute tracepath mtr',
    'iostat vmstat mpstat pidstat sar ifstat dstat iotop nethogs iftop printenv which type whereis realpath readlink basename',
    'dirname seq expr bc jq yq echo printf sleep true false test [ [[ read cd pwd export local declare set shift wait getent',
    'sha256sum sha1sum sha512sum md5sum cksum b2sum base64 trivy tree sync tput clear : exit return break continue unset',
    'timedatectl hostnamectl loginctl nc ncat telnet openssl-version pg_config docker-credential-none nmap',
  ]
    .join(' ')
    .split(' '),
);

const RULES: Record<string, Rule> = {
  docker,
  'docker-compose': compose,
  'risk-platform': riskPlatform,
  systemctl,
  service,
  apt: packages,
  'apt-get': packages,
  aptitude: packages,
  yum: packages,
  dnf: packages,
  'apt-cache': () => ro('apt-cache only reads'),
  dpkg,
  ufw,
  iptables,
  ip6tables: iptables,
  'iptables-save': () => ro('iptables-save prints the rules'),
  'iptables-restore': () => [{ risk: 'destructive', reason: 'iptables-restore replaces every rule' }],
  nft,
  sysctl,
  journalctl,
  certbot,
  kill,
  pkill: kill,
  killall: kill,
  reboot: power,
  shutdown: power,
  poweroff: power,
  halt: power,
  init: power,
  crontab,
  'redis-cli': redisCli,
  tee,
  find,
  xargs,
  sudo: wrapper(['u', 'user', 'g', 'group', 'C', 'D', 'h', 'p', 'prompt', 'r', 't', 'U', 'T']),
  doas: wrapper(['u', 'C']),
  env: wrapper(['u', 'unset', 'C', 'chdir', 'S']),
  timeout: wrapper(['s', 'signal', 'k', 'kill-after'], 1),
  nice: wrapper(['n', 'adjustment']),
  ionice: wrapper(['c', 'n', 'p']),
  nohup: wrapper([]),
  stdbuf: wrapper(['i', 'o', 'e']),
  watch: wrapper(['n', 'interval']),
  time: wrapper([]),
  command: wrapper([]),
  exec: wrapper([]),
  sh: shell,
  bash: shell,
  dash: shell,
  zsh: shell,
  ssh,
  psql,
  curl,
  wget,
  tar,
  sed,
  awk,
  gawk: awk,
  mawk: awk,
  openssl,
  git,
  ...pgTools,
  date: (args) => (args.some((a) => a === '-s' || a.startsWith('--set')) ? mut('date -s sets the clock') : ro('date only prints')),
  hostname: (args) => (args.some((a) => !a.startsWith('-')) ? mut('hostname NAME renames the host') : ro('hostname only prints')),
  dmesg: (args) => (args.some((a) => /^-[A-Za-z]*[cC]/.test(a) || a.startsWith('--clear')) ? mut('dmesg -c clears the kernel log') : ro('dmesg only reads')),
  ip: (args) => (args.some((a) => ['add', 'del', 'delete', 'set', 'flush', 'change', 'replace', 'append'].includes(a)) ? mut('ip changes the network') : ro('ip only shows')),
};

/** Findings for one argv (after assignments). */
export function classifyArgv(words: string[], r: Recurse): Finding[] {
  // A carriage return (a line saved with CRLF) is not part of what a word means: `down\r` is classed as `down`.
  const argv = words.map((w) => (w.includes('\r') ? w.replace(/\r/g, '') : w));
  const program = argv[0];
  if (program === undefined) return [];
  const args = argv.slice(1);
  const name = baseName(program);
  if (program.includes('$') || program.includes('`')) return mut(`the program name ${program} is only known at run time: treated as mutating`);
  const rule = RULES[name];
  if (rule) return rule(args, r, name);
  const named = byName(name, args);
  if (named) return named;
  if (READ_ONLY.has(name)) return ro(`${name} only reads`);
  if (program.includes('/')) return script(program);
  if (/^(python|perl|ruby|node|php|lua)/.test(name)) return mut(`${name} runs code: unknown effect`);
  return mut(`unknown program ${name}: treated as mutating`);
}
