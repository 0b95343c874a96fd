#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for the sharded-check tests
# (test/shards/slurm.test.ts): a real job array whose tasks read
# SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT as they would on a cluster.
#
#   bash scripts/slurm-local.sh         install if missing, configure, start, wait until the node is idle
#   bash scripts/slurm-local.sh stop    stop the daemons this script starts
#
# Runs as root. The daemons are started directly, not through systemd: CI
# machines and containers often have no init system running. Every failure
# ends with one line on stderr saying why, and a non-zero exit status.
set -euo pipefail

NODE="$(hostname -s)"
CONF_DIR=/etc/slurm
CONF="$CONF_DIR/slurm.conf"
LOG_DIR=/var/log/slurm
CTLD_PID=/run/slurmctld.pid
SLURMD_PID=/run/slurmd.pid
MUNGE_KEY=/etc/munge/munge.key
MUNGE_PID=/run/munge/munged.pid
READY_TIMEOUT=60

die() {
  echo "slurm-local: $*" >&2
  exit 1
}

# The pid a pid file names, if that process is alive; empty otherwise.
live_pid() {
  local pid
  [ -r "$1" ] || return 0
  pid="$(cat "$1" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

# A daemon of this name already running, started by this script or by anyone else
# (not a zombie: the parent a daemon forks from lingers until something reaps it).
running() {
  local states
  states="$(ps -C "$1" -o stat= 2>/dev/null || true)"
  grep -q '^ *[^Z ]' <<<"$states"
}

stop() {
  local name file pid
  for pair in "slurmd:$SLURMD_PID" "slurmctld:$CTLD_PID" "munged:$MUNGE_PID"; do
    name="${pair%%:*}"
    file="${pair#*:}"
    pid="$(live_pid "$file")"
    if [ -n "$pid" ]; then
      kill "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      echo "slurm-local: stopped $name ($pid)"
    fi
  done
}

if [ "${1:-}" = "stop" ]; then
  stop
  exit 0
fi
[ $# -eq 0 ] || die "usage: slurm-local.sh [stop]"
[ "$(id -u)" -eq 0 ] || die "must run as root (installs packages, starts the Slurm and MUNGE daemons)"

# --- install (only what is missing) -----------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  command -v apt-get >/dev/null || die "slurm-wlm and munge are not installed, and there is no apt-get to install them"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed; cannot install slurm-wlm and munge"
  apt-get install -y -qq slurm-wlm munge >/dev/null || die "apt-get install slurm-wlm munge failed"
fi
for tool in slurmctld slurmd munged sinfo sbatch scontrol; do
  command -v "$tool" >/dev/null || die "$tool not found after installing slurm-wlm and munge"
done

# --- MUNGE: the key, then the daemon ----------------------------------------
getent passwd munge >/dev/null || die "the munge user does not exist (the munge package creates it)"
if [ ! -s "$MUNGE_KEY" ]; then
  mkdir -p /etc/munge
  if command -v mungekey >/dev/null; then
    mungekey --create --keyfile="$MUNGE_KEY" >/dev/null || die "mungekey could not create $MUNGE_KEY"
  elif command -v create-munge-key >/dev/null; then
    create-munge-key -f >/dev/null || die "create-munge-key could not create $MUNGE_KEY"
  else
    die "no mungekey or create-munge-key to create $MUNGE_KEY"
  fi
fi
# munged refuses a key that others can read, or that its own user does not own.
chown munge:munge /etc/munge "$MUNGE_KEY"
chmod 0700 /etc/munge
chmod 0400 "$MUNGE_KEY"
mkdir -p /run/munge /var/lib/munge /var/log/munge
chown munge:munge /run/munge /var/lib/munge /var/log/munge
chmod 0755 /run/munge

if ! running munged; then
  runuser -u munge -- munged || die "munged did not start (see /var/log/munge/munged.log)"
fi
for _ in $(seq 50); do
  munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break
  sleep 0.1
done
munge -n 2>/dev/null | unmunge >/dev/null 2>&1 || die "munged is running but a credential does not round-trip (munge -n | unmunge)"

# --- slurm.conf: one node, one partition ------------------------------------
# linuxproc tracking and no task plugin: no cgroups needed, which containers
# often do not delegate. No accounting, no job completion log: nothing to set up.
mkdir -p "$CONF_DIR" "$LOG_DIR" /var/spool/slurmctld /var/spool/slurmd
conf="$(cat <<EOF
# Written by scripts/slurm-local.sh: a one-node cluster for local job arrays.
ClusterName=labellint
SlurmctldHost=$NODE(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=$LOG_DIR/slurmctld.log
SlurmdLogFile=$LOG_DIR/slurmd.log
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MailProg=/bin/true
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
)"
if [ ! -f "$CONF" ] || [ "$(cat "$CONF")" != "$conf" ]; then
  # A different configuration under running daemons: restart them on the new one.
  if running slurmctld || running slurmd; then
    [ -n "$(live_pid "$CTLD_PID")$(live_pid "$SLURMD_PID")" ] \
      || die "Slurm daemons not started by this script are running with another configuration; stop them first"
    for pair in "$SLURMD_PID" "$CTLD_PID"; do
      pid="$(live_pid "$pair")"
      [ -z "$pid" ] || kill "$pid"
    done
    for _ in $(seq 50); do running slurmctld || running slurmd || break; sleep 0.1; done
  fi
  printf '%s\n' "$conf" >"$CONF"
fi

# --- the daemons ------------------------------------------------------------
started=$SECONDS
if ! running slurmctld; then
  slurmctld || die "slurmctld did not start (see $LOG_DIR/slurmctld.log)"
fi
if ! running slurmd; then
  slurmd || die "slurmd did not start (see $LOG_DIR/slurmd.log)"
fi

# --- wait for the node to be idle -------------------------------------------
state=""
resumed=0
while [ $((SECONDS - started)) -lt "$READY_TIMEOUT" ]; do
  state="$(sinfo --noheader --nodes="$NODE" --format=%T 2>/dev/null | head -n 1 || true)"
  case "$state" in
    idle | mixed | allocated)
      echo "slurm-local: node $NODE is $state in partition debug ($(nproc) CPUs); ready for sbatch"
      exit 0
      ;;
    down* | drain* | fail*)
      # A node that was down on a previous run may come back down; say it is fine.
      if [ "$resumed" -lt 3 ]; then
        scontrol update nodename="$NODE" state=resume >/dev/null 2>&1 || true
        resumed=$((resumed + 1))
      fi
      ;;
  esac
  sleep 1
done
die "node $NODE not idle after ${READY_TIMEOUT}s (state: ${state:-no answer from slurmctld}); see $LOG_DIR/slurmctld.log and $LOG_DIR/slurmd.log"
