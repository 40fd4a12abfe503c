# The resources sampler: a long-lived POSIX sh program (dash, bash, busybox
# ash) on the watched host that keeps its own time. ResourcesSampler.ts
# starts it on one exec channel and writes it leases on stdin, one a line:
#   N K D Q   K samples, the first D centiseconds after the line is read,
#             then one every Q; sample i ends with @@riskctl-sample:N<i>@@.
# It ends at EOF between leases, and on a hang-up at its next print.
#
# What a sample costs the host: /proc is read with the shell's own `read`
# (no cat or grep; /proc/net/dev without its two header lines, /proc/diskstats
# without loop and RAM devices), the sample is gathered in a variable
# without a subshell, so a sample forks only its `sleep`. df runs on every fifth sample (under
# `timeout`: a hung NFS mount blocks statfs), the steady sections (nproc,
# hostname, os-release, uname, mounts) on the first sample of each lease and
# are printed only when they changed; ResourcesSampler keeps the last text
# of every section a sample leaves out.
#
# riskctl sends this file as one line, wrapped in single quotes for
# `/bin/sh -c`, whatever the login shell: comment lines are dropped and the
# rest joined with one space. So every line ends where a space may follow
# (`;`, `do`, `then`, `else`, `{`, `&&`, `||`, `;;`), and the program holds
# no single quote, no `!` and no backslash pair (csh and fish read those).
# shellcheck shell=sh

export LC_ALL=C;
# A newline in a variable, without writing one.
nl=$(printf "\n.");
nl=${nl%.};
# T bounds df where timeout exists; B: exact bytes where df takes -B1.
T=;
timeout 1 true >/dev/null 2>&1 && T="timeout 5";
B=-k;
$T df -P -B1 / >/dev/null 2>&1 && B=-B1;
# F: sleep takes fractions (POSIX promises only whole seconds).
F=;
sleep 0.01 >/dev/null 2>&1 && F=1;
# z: the host's uptime in centiseconds in c, or empty. The 1 before the fraction keeps "0.08" from reading as octal.
z() { c=; read -r u _ 2>/dev/null </proc/uptime && c=$(( ${u%.*} * 100 + 1${u#*.} - 100 )); };
# y N: sleeps N centiseconds, in whole seconds where sleep takes no fractions.
y() { if [ -n "$F" ]; then sleep $(( $1 / 100 )).$(( $1 / 10 % 10 ))$(( $1 % 10 )); else sleep $(( ($1 + 50) / 100 )); fi; };
# a NAME: starts section NAME in the sample o.
a() { o="$o$nl@@riskctl-resources:$1@@$nl"; };
# l FILE: appends FILE (one line) to the sample.
l() { read -r v 2>/dev/null <"$1" && o="$o$v$nl"; };
w=;
while read -r n m d q; do
  z;
  t=$(( ${c:-0} + d ));
  i=0;
  while [ "$i" -lt "$m" ]; do
    z;
    if [ -n "$c" ]; then
      while [ "$t" -lt "$c" ]; do t=$(( t + q )); done;
      s=$(( t - c ));
    elif [ "$i" -eq 0 ]; then
      s=$d;
    else
      s=$q;
    fi;
    [ "$s" -gt 0 ] && y "$s";
    o=;
    a stat;
    [ -r /proc/stat ] && while read -r v; do case $v in cpu*) o="$o$v$nl" ;; *) break ;; esac; done </proc/stat;
    a meminfo;
    [ -r /proc/meminfo ] && while read -r f v; do case $f in MemTotal:|MemFree:|MemAvailable:|Buffers:|Cached:|SwapTotal:|SwapFree:) o="$o$f $v$nl" ;; esac; done </proc/meminfo;
    a loadavg;
    l /proc/loadavg;
    a uptime;
    l /proc/uptime;
    a netdev;
    [ -r /proc/net/dev ] && while read -r v; do case $v in *:*) o="$o$v$nl" ;; esac; done </proc/net/dev;
    a diskstats;
    [ -r /proc/diskstats ] && while read -r v e x g; do case $x in loop[0-9]*|ram[0-9]*) ;; *) o="$o$v $e $x $g$nl" ;; esac; done </proc/diskstats;
    if [ "$i" -eq 0 ]; then
      v=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null);
      if [ "$v" = "$p0" ] && [ -n "$w" ]; then :; else p0=$v; a nproc; o="$o$v"; fi;
      v=$(uname -n 2>/dev/null || cat /proc/sys/kernel/hostname 2>/dev/null);
      if [ "$v" = "$p1" ] && [ -n "$w" ]; then :; else p1=$v; a hostname; o="$o$v"; fi;
      v=$(cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null);
      if [ "$v" = "$p2" ] && [ -n "$w" ]; then :; else p2=$v; a osrelease; o="$o$v"; fi;
      v=$(uname -sr 2>/dev/null);
      if [ "$v" = "$p3" ] && [ -n "$w" ]; then :; else p3=$v; a uname; o="$o$v"; fi;
      v=$(cat /proc/mounts 2>/dev/null);
      if [ "$v" = "$p4" ] && [ -n "$w" ]; then :; else p4=$v; a mounts; o="$o$v"; fi;
    fi;
    if [ $(( i % 5 )) -eq 0 ]; then
      v=$($T df -P $B 2>/dev/null);
      r=$?;
      a df;
      o="$o$v";
      a dfexit;
      o="$o$r$nl";
    fi;
    a end;
    printf "%s\n" "$o$nl@@riskctl-sample:$n$i@@" || exit 0;
    w=1;
    i=$(( i + 1 ));
    t=$(( t + q ));
  done;
done;
exit 0
