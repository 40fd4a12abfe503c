# The resources sampler: a long-lived POSIX sh program (dash, bash, busybox
# ash) on the watched host that keeps its own time. ResourcesSampler.ts
# starts it on one exec channel and writes it leases on stdin, one a line:
#   N K D Q [G]   K samples, the first D centiseconds after the line is
#                 read, then one every Q; sample i ends with
#                 @@riskctl-sample:N<i>@@. df runs on every G-th sample,
#                 counted across leases; without G, every DF_PERIOD_SECONDS.
# It ends at EOF between leases, and on a hang-up at its next print.
#
# What a sample costs the host: /proc is read with the shell's own `read`
# (no cat or grep; /proc/net/dev without its two header lines, /proc/diskstats
# without loop and RAM devices), the sample is gathered in a variable without a subshell,
# and the wait between samples is `read -t` on a FIFO nobody writes where the
# shell has it (bash, busybox ash), so a sample forks nothing; under dash,
# which has no `read -t`, the program runs itself again under bash when the
# host has bash (riskctl passes the program as $0 too), and forks a `sleep`
# per sample where it has not. The steady sections (nproc, hostname,
# os-release, uname, mounts) come on the first sample of each lease (a
# minute), read with `read` too (nproc: the cpuN lines of /proc/stat;
# uname -sr: /proc/sys/kernel/ostype and osrelease), and are printed only
# when they changed; ResourcesSampler keeps the last text of every section a
# sample leaves out. df runs every two minutes (DF_PERIOD_SECONDS: its two
# execs cost a host about as much as half a minute of samples), on a phase
# of the sampler's own (its PID), in the
# background (under `timeout`: a hung NFS mount blocks statfs) so that no
# sample but the sampler's first waits for it (the first brings the disks at
# once): its figures come with the first sample after it ends, and a df
# still running skips the next. So in two minutes the sampler forks two
# processes (timeout and df) and nothing else. Under bash each /proc file
# is taken whole with one `read -d ""` (R below). What this costs a host,
# measured: docs/architecture.md.
#
# riskctl sends this file as one line, wrapped in single quotes for
# `/bin/sh -c`, whatever the login shell: comment lines are dropped and the
# rest joined with one space. So every line ends where a space may follow
# (`;`, `do`, `then`, `else`, `{`, `&&`, `||`, `;;`), and the program holds
# no single quote, no `!` and no backslash pair (csh and fish read those).
# shellcheck shell=sh

export LC_ALL=C;
# No globbing (lines are split into fields below); nothing reads stderr, so
# it goes nowhere once here rather than per command.
set -f;
exec 2>/dev/null;
# z: the host's uptime in centiseconds in c, or empty.
z() { c=; read -r u _ </proc/uptime && Z; };
# Z: c from u. The 1 before the fraction keeps "0.08" from reading as octal.
Z() { c=$(( ${u%.*} * 100 + 1${u#*.} - 100 )); };
# W: waits without a fork, as `read -t` with a fraction on fd 3, a pipe
# that nobody writes (bash, busybox ash). Probed by the time it waited:
# busybox returns 1 on a timeout as on EOF. dash has no read -t: W stays
# empty. Under bash the pipe is a process substitution's, opened both ways
# (one fork; in eval, which dash and busybox do not parse; not in POSIX
# mode, where bash before 5.1 has none); elsewhere a FIFO, made and removed
# (two execs).
W=;
# shellcheck disable=SC3045 # probed: dash fails here
read -r -t 0 x </dev/null;
if [ "$?" -le 1 ] && z && [ -n "$c" ]; then
  x=;
  # shellcheck disable=SC3044 # bash only
  [ -n "$BASH_VERSION" ] && { shopt -oq posix || { eval "exec 3<> <(:)" && x=1; }; };
  if [ -z "$x" ]; then
    f=${TMPDIR:-/tmp}/riskctl-wait.$$;
    mkfifo -m 600 "$f" && [ -p "$f" ] && { exec 3<>"$f"; rm -f "$f"; x=1; };
  fi;
  if [ -n "$x" ]; then
    e=$c;
    # shellcheck disable=SC3045
    read -r -t 0.05 x <&3;
    z;
    [ -n "$c" ] && [ $(( c - e )) -ge 4 ] && W=1;
  fi;
fi;
# A shell with W has `read -u` too (bash, busybox ash): there a read takes
# its file on fd 4, which nothing else uses, rather than on stdin, which
# the shell would save and restore around the read (eight system calls more
# a file).
# shellcheck disable=SC3045
[ -n "$W" ] && z() { c=; read -r -u 4 u _ 4</proc/uptime && Z; };
# No such wait in this shell, bash on the host, and $0 is this program: run it under bash.
if [ -z "$W" ] && [ -z "$BASH_VERSION" ] && command -v bash >/dev/null 2>&1; then
  case $0 in *@@riskctl-sample:*) exec bash -c "$0" "$0" ;; esac;
fi;
# R: bash, whose `read` takes a whole /proc file in one read(2) with -d ""
# (line by line it reads 4 KB and seeks back per line, and a /proc file is
# made anew at each seek); busybox reads a byte per read(2) either way, so
# its loops stop early instead.
R=;
[ -n "$BASH_VERSION" ] && R=1;
# A newline in nl and a bang in b, without writing either (see the head);
# bash's printf -v saves a fork.
# shellcheck disable=SC3045
if [ -n "$R" ]; then printf -v nl "\041\n."; else nl=$(printf "\041\n."); fi;
b=${nl%??};
nl=${nl#?};
nl=${nl%.};
# T bounds df where timeout exists; B: exact bytes where df takes -B1. Both
# are learnt from the first df, which runs in the sample (below), rather
# than probed: a probe is one exec more, at the start, where the fleet's
# first figures wait.
T="timeout 5";
B=-B1;
# D: a folder for the background df's output, made when the first
# background df starts (J: the running df's process, empty when none); M:
# mktemp failed, df runs in the sample, as on the sampler's first.
D=;
M=;
J=;
# bye: removes D and ends; also on a hang-up or a broken channel. A second rm when a running df wrote into D meanwhile.
bye() { [ -n "$D" ] && { rm -rf "$D" || rm -rf "$D"; }; exit 0; };
trap bye HUP PIPE TERM;
# F: sleep takes fractions (POSIX promises only whole seconds).
F=;
[ -z "$W" ] && sleep 0.01 >/dev/null 2>&1 && F=1;
# shellcheck disable=SC3045 # only where W says read -t works
# y N: waits N centiseconds: read -t, or sleep, in whole seconds where sleep takes no fractions.
y() { x=$(( $1 / 100 )).$(( $1 / 10 % 10 ))$(( $1 % 10 )); if [ -n "$W" ]; then read -r -t "$x" -u 3 x; elif [ -n "$F" ]; then sleep "$x"; else sleep $(( ($1 + 50) / 100 )); fi; };
# a NAME: starts section NAME in the sample o.
a() { o="$o$nl@@riskctl-resources:$1@@$nl"; };
# r FILE: the whole FILE in v, in one read(2) (bash only: R).
# shellcheck disable=SC3045
r() { v=; read -r -d "" -u 4 v 4<"$1"; };
# l FILE: appends FILE (one line) to the sample.
l() { read -r v <"$1" && o="$o$v$nl"; };
# shellcheck disable=SC3045
[ -n "$W" ] && l() { read -r -u 4 v 4<"$1" && o="$o$v$nl"; };
w=;
# k: the samples taken in the leases before this one (plus df's phase).
k=0;
while read -r n m d q g; do
  # G: df on every G-th sample: every DF_PERIOD_SECONDS unless the lease says.
  G=${g:-$(( 12000 / q ))};
  [ "$G" -gt 0 ] || G=1;
  # Without G, df's phase comes from the shell's PID: samplers started
  # together (a fleet on one hypervisor, the lab) do not all run df on the
  # same tick. The first sample runs df whatever the phase.
  [ -z "$w" ] && [ -z "$g" ] && k=$$;
  z;
  t=$(( ${c:-0} + d ));
  i=0;
  while [ "$i" -lt "$m" ]; do
    # c: now, as read at the lease's start or in the sample before (its
    # uptime section, a millisecond or so before its end; read again after
    # a df the sample waited for): one read of the uptime a sample.
    if [ -n "$c" ]; then
      # A tick passed by at most an eighth of the period is taken late, at
      # once (the sample before ran long: a df it waited for, a busy host).
      # A tick passed by more is skipped, not caught up: samples stay on
      # the lease's ticks.
      while [ $(( c - t )) -gt $(( q / 8 )) ]; do t=$(( t + q )); done;
      s=$(( t - c ));
    elif [ "$i" -eq 0 ]; then
      s=$d;
    else
      s=$q;
    fi;
    [ "$s" -gt 0 ] && y "$s";
    o=;
    a stat;
    if [ -n "$R" ]; then
      r /proc/stat;
      o="$o${v%%intr*}";
    else
      [ -r /proc/stat ] && while read -r v; do case $v in cpu*) o="$o$v$nl" ;; *) break ;; esac; done </proc/stat;
    fi;
    # h: the cpuN lines just read, counted on a lease's first sample as the
    # fields of o split at newlines (the marker and the cpu line are two).
    # shellcheck disable=SC2086 # split on purpose; set -f: no globbing
    [ "$i" -eq 0 ] && { IFS=$nl; set -- $o; unset IFS; h=$(( $# - 2 )); };
    a meminfo;
    # SwapFree comes after the other fields read, in every kernel: the rest of the file is not read (R: not looked at).
    if [ -n "$R" ]; then
      r /proc/meminfo;
      IFS=$nl;
      # shellcheck disable=SC2086 # each line a field (set -f: no globbing)
      set -- $v;
      unset IFS;
      # By place, which costs bash less than a case per line: the first five
      # lines (MemTotal, MemFree, MemAvailable, Buffers, Cached since Linux
      # 3.14), and SwapTotal and SwapFree after at least five more
      # (SwapCached, Active … Mlocked since 2.6.28).
      o="$o$1$nl$2$nl$3$nl$4$nl$5$nl";
      shift 10;
      for x; do case $x in SwapTotal:*) o="$o$x$nl" ;; SwapFree:*) o="$o$x$nl"; break ;; esac; done;
    else
      [ -r /proc/meminfo ] && while read -r f v; do case $f in MemTotal:|MemFree:|MemAvailable:|Buffers:|Cached:|SwapTotal:) o="$o$f $v$nl" ;; SwapFree:) o="$o$f $v$nl"; break ;; esac; done </proc/meminfo;
    fi;
    a loadavg;
    l /proc/loadavg;
    a uptime;
    z && o="$o$u$nl";
    a netdev;
    if [ -n "$R" ]; then
      r /proc/net/dev;
      # Without the two header lines.
      v=${v#*"$nl"};
      o="$o${v#*"$nl"}$nl";
    else
      [ -r /proc/net/dev ] && while read -r v; do case $v in *:*) o="$o$v$nl" ;; esac; done </proc/net/dev;
    fi;
    a diskstats;
    if [ -n "$R" ]; then
      r /proc/diskstats;
      IFS=$nl;
      # shellcheck disable=SC2086 # each line a field (set -f: no globbing)
      set -- $v;
      unset IFS;
      for x; do case $x in *" loop"[0-9]*|*" ram"[0-9]*) ;; *) o="$o$x$nl" ;; esac; done;
    else
      [ -r /proc/diskstats ] && while read -r v e x g; do case $x in loop[0-9]*|ram[0-9]*) ;; *) o="$o$v $e $x $g$nl" ;; esac; done </proc/diskstats;
    fi;
    if [ "$i" -eq 0 ]; then
      v=$h;
      [ "$h" -gt 0 ] || v=$(nproc || getconf _NPROCESSORS_ONLN);
      if [ "$v" = "$p0" ] && [ -n "$w" ]; then :; else p0=$v; a nproc; o="$o$v"; fi;
      read -r v </proc/sys/kernel/hostname || v=$(uname -n);
      if [ "$v" = "$p1" ] && [ -n "$w" ]; then :; else p1=$v; a hostname; o="$o$v"; fi;
      v=;
      f=/etc/os-release;
      [ -r "$f" ] || f=/usr/lib/os-release;
      [ -r "$f" ] && while read -r u || [ -n "$u" ]; do v="$v$u$nl"; done <"$f";
      if [ "$v" = "$p2" ] && [ -n "$w" ]; then :; else p2=$v; a osrelease; o="$o$v"; fi;
      { read -r v && read -r u <&4 && v="$v $u"; } </proc/sys/kernel/ostype 4</proc/sys/kernel/osrelease || v=$(uname -sr);
      if [ "$v" = "$p3" ] && [ -n "$w" ]; then :; else p3=$v; a uname; o="$o$v"; fi;
      v=;
      [ -r /proc/mounts ] && while read -r u; do v="$v$u$nl"; done </proc/mounts;
      if [ "$v" = "$p4" ] && [ -n "$w" ]; then :; else p4=$v; a mounts; o="$o$v"; fi;
    fi;
    # The background df has ended once kill -0 fails (the shell reaps its
    # children as they end, and `wait` then gives the status it kept).
    if [ -n "$J" ]; then
      kill -0 "$J" || {
        wait "$J";
        r=$?;
        J=;
        a df;
        if [ -n "$R" ]; then r "$D/o"; o="$o$v$nl"; else while read -r v; do o="$o$v$nl"; done <"$D/o"; fi;
        a dfexit;
        o="$o$r$nl";
      };
    fi;
    if { [ -z "$w" ] || [ $(( (k + i) % G )) -eq 0 ]; } && [ -z "$J" ]; then
      if [ -n "$w" ] && [ -z "$D" ] && [ -z "$M" ]; then
        D=$(mktemp -d "${TMPDIR:-/tmp}/riskctl-df.XXXXXX") || { D=; M=1; };
      fi;
      if [ -n "$D" ] && [ -n "$w" ]; then
        # No subshell around it (one fork less): its status comes from `wait`.
        $T df -P $B >"$D/o" &
        eval "J=\$$b";
      else
        v=$($T df -P $B);
        r=$?;
        # Nothing printed: 126 or 127, no timeout to run (busybox before
        # 1.30 wants -t, and fails the same): df alone; then 1, a df
        # without -B (its usage): -k. df exits 1 too when one filesystem
        # is unreadable, but prints the rest.
        if [ -z "$v" ]; then
          case $r in 126|127) T=; v=$(df -P $B); r=$? ;; esac;
          [ "$r" = 1 ] && [ -z "$v" ] && { B=-k; v=$($T df -P $B); r=$?; };
        fi;
        a df;
        o="$o$v";
        a dfexit;
        o="$o$r$nl";
        z;
      fi;
    fi;
    a end;
    # One write(2): bash line-buffers stdout, and a format of its own after
    # the text (%s\n) would flush the end line in a second write, a second packet.
    printf "%s" "$o$nl@@riskctl-sample:$n$i@@$nl" || bye;
    w=1;
    i=$(( i + 1 ));
    t=$(( t + q ));
  done;
  k=$(( k + m ));
done;
bye
