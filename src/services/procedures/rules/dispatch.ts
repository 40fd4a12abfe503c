/**
 * Program name → rule. A program no rule knows is mutating: when in doubt,
 * the higher risk. The read-only list holds only programs that cannot
 * change anything by themselves (their redirections are judged separately).
 */
import { baseName, scanArgs } from '../argScan';
import { compose, docker, riskPlatform, script } from './containerRules';
import { btrfs, firewallCmd, helm, kubectl, lvm, pgClusterTools, zfs, zpool } from './clusterRules';
import { awk, byName, copy, curl, evalRule, find, git, mongo, mysql, openssl, psql, sed, shell, source, ssh, su, tar, tee, viaShell, wget, wrapper, xargs } from './fileRules';
import { certbot, crontab, dpkg, iptables, journalctl, kill, nft, packages, pgTools, power, redisCli, service, sysctl, systemctl, ufw } from './systemRules';
import { destr, mut, ro, type Finding, type Recurse, type Rule } from './types';

const READ_ONLY = new Set(
  [
    'ls cat tac nl head tail grep egrep fgrep zgrep zcat less more wc sort uniq cut tr column paste join comm diff cmp fold fmt',
    'od hexdump xxd strings file stat du df free top htop ps pgrep pstree pidof uptime w who whoami id groups last lastlog',
    'uname cal nproc lscpu lsblk blkid lsof lsmod netstat ss ifconfig route arp dig nslookup host ping traceroute tracepath mtr',
    'iostat vmstat mpstat pidstat sar ifstat dstat iotop nethogs iftop printenv which type whereis realpath readlink basename',
    'dirname seq expr bc jq yq echo printf sleep true false test [ [[ read cd pwd export local declare set shift wait getent',
    'sha256sum sha1sum sha512sum md5sum cksum b2sum base64 trivy tree sync tput clear : exit return break continue unset',
    'timedatectl hostnamectl loginctl nc ncat telnet openssl-version pg_config docker-credential-none nmap pg_lsclusters',
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
  ksh: shell,
  ash: shell,
  busybox: wrapper([]),
  eval: evalRule,
  source,
  '.': source,
  su,
  runuser: wrapper(['u', 'user', 'g', 'group']),
  chroot: wrapper(['userspec', 'groups'], 1),
  nsenter: wrapper(['t', 'target', 'm', 'mount', 'u', 'uts', 'i', 'ipc', 'n', 'net', 'p', 'pid', 'U', 'user', 'S', 'setuid', 'G', 'setgid', 'r', 'root', 'w', 'wd']),
  flock: wrapper(['w', 'wait', 'timeout', 'E', 'conflict-exit-code'], 1),
  unbuffer: wrapper([]),
  script: viaShell(['c', 'command', 'E', 'echo', 'o', 'output-limit', 'T', 'log-timing'], 'c'),
  cp: copy,
  mv: copy,
  install: copy,
  ln: copy,
  mysql,
  mariadb: mysql,
  sqlite3: (args, r) => (args.length >= 2 ? r.sql(args.slice(1).join(' ')) : mysql([], r, 'sqlite3')),
  mongo,
  mongosh: mongo,
  kubectl,
  oc: kubectl,
  k3s: (args, r) => (args[0] === 'kubectl' ? kubectl(args.slice(1), r, 'kubectl') : mut(`k3s ${args[0] ?? ''} changes the cluster`.trim())),
  microk8s: (args, r) => (args[0] === 'kubectl' ? kubectl(args.slice(1), r, 'kubectl') : mut(`microk8s ${args[0] ?? ''} changes the cluster`.trim())),
  helm,
  zfs,
  zpool,
  btrfs,
  ...pgClusterTools,
  'firewall-cmd': firewallCmd,
  ebtables: iptables,
  arptables: iptables,
  ipset: (args) => (/^(destroy|flush|del|delete|swap|restore)$/.test(args[0] ?? '') ? destr(`ipset ${args[0]} removes firewall sets or entries`) : /^(list|save|test|-?-?help|version)$/.test(args[0] ?? '') ? ro(`ipset ${args[0]} only reads`) : mut(`ipset ${args[0] ?? ''} changes firewall sets`.trim())),
  ifdown: () => destr('ifdown takes a network interface down (can cut the host off)'),
  ifup: () => mut('ifup brings a network interface up'),
  virsh: (args) => {
    const sub = scanArgs(args, ['c', 'connect']).positional[0] ?? '';
    if (sub === '' || /^(list|dominfo|domstate|domstats|dumpxml|net-list|net-info|pool-list|pool-info|vol-list|vol-info|snapshot-list|snapshot-info|nodeinfo|version|capabilities|domblklist|domiflist|vcpuinfo)$/.test(sub)) return ro(`virsh ${sub} only reads`.trim());
    if (/^(destroy|undefine|shutdown|reboot|reset|managedsave-remove)$|-(destroy|undefine|delete)$/.test(sub)) return destr(`virsh ${sub} stops or removes a machine or its storage`);
    return mut(`virsh ${sub} changes machines`);
  },
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
  ip: (args) => {
    if (args.some((a) => ['del', 'delete', 'flush'].includes(a))) return destr('ip del/flush removes addresses, routes or links (can cut the host off)');
    if (args.includes('set') && args.includes('down')) return destr('ip link set … down takes an interface down (can cut the host off)');
    return args.some((a) => ['add', 'set', 'change', 'replace', 'append'].includes(a)) ? mut('ip changes the network') : ro('ip only shows');
  },
  tc: (args) => (args.some((a) => ['del', 'delete', 'flush'].includes(a)) ? destr('tc del removes traffic control') : args.some((a) => ['add', 'change', 'replace', 'link'].includes(a)) ? mut('tc changes traffic control') : ro('tc only shows')),
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
  const named = byName(name, args) ?? lvm(name);
  if (named) return named;
  if (READ_ONLY.has(name)) return ro(`${name} only reads`);
  if (program.includes('/')) return script(program);
  if (/^(python|perl|ruby|node|php|lua)/.test(name)) return mut(`${name} runs code: unknown effect`);
  return mut(`unknown program ${name}: treated as mutating`);
}
