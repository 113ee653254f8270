#!/usr/bin/env bash
# `rigtherm sweep --slurm` against a real Slurm (issue 7): a one-node cluster
# on localhost (slurmctld + slurmd + munge, Debian's slurm-wlm 22.05; the
# recipe of ../shared/notes/slurm-one-node.md), a small sweep submitted with
# sbatch, `--collect`, and the ranking compared with a local run of the same
# sweep. Needs root (it installs packages with apt-get when missing, writes
# /etc/slurm/slurm.conf when there is none, and starts the daemons). Stops
# the daemons it started (scontrol shutdown; munged by its PID).
#
# Not part of the default test run: configure with -DRT_SLURM_TEST=ON for
# `ctest -L slurm`, or run it by hand:
#   tests/slurm/one-node.sh build/app/rigtherm tests/cli/sweep-box-2.toml out/slurm-test
set -u
exe=$(readlink -f "$1") sweep=$(readlink -f "$2") out=$3
fail() { echo "FAIL: $*"; cleanup; exit 1; }
started_munge="" started_slurm=""
cleanup() {
  [[ -n $started_slurm ]] && scontrol shutdown > /dev/null 2>&1
  [[ -n $started_munge ]] && kill "$started_munge" 2> /dev/null
  started_slurm="" started_munge=""
}
[[ $(id -u) -eq 0 ]] || { echo "needs root (packages, /etc/slurm, daemons)"; exit 1; }
rm -rf "$out"
mkdir -p "$out"
out=$(readlink -f "$out")

if ! command -v slurmctld > /dev/null || ! command -v munged > /dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slurm-wlm munge \
    > "$out/apt.log" 2>&1 || { cat "$out/apt.log"; fail "apt-get install slurm-wlm munge"; }
fi

host=$(hostname -s)
if [[ ! -f /etc/slurm/slurm.conf ]]; then
  mem=$(($(free -m | awk '/^Mem:/ {print $2}') * 9 / 10))
  mkdir -p /etc/slurm
  cat > /etc/slurm/slurm.conf << EOF
ClusterName=local
SlurmctldHost=$host(127.0.0.1)
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
fi
mkdir -p /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge
chown munge:munge /run/munge
if [[ ! -f /etc/munge/munge.key ]]; then
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2> /dev/null
  chown munge:munge /etc/munge/munge.key
  chmod 400 /etc/munge/munge.key
fi
if ! pgrep -x munged > /dev/null; then
  munged --force 2> "$out/munged.log" || fail "munged did not start"
  sleep 1
  started_munge=$(cat /run/munge/munged.pid 2> /dev/null || pgrep -x munged | head -1)
fi
if ! sinfo > /dev/null 2>&1; then
  slurmctld || fail "slurmctld did not start"
  slurmd || fail "slurmd did not start"
  started_slurm=1
fi
for _ in $(seq 60); do
  sinfo -h -o %T 2> /dev/null | grep -qx idle && break
  sleep 1
done
sinfo -h -o %T | grep -qx idle || fail "the node is not idle: $(sinfo 2>&1)"

# The reference: a local sweep with the same threads per variant.
"$exe" sweep "$sweep" -o "$out/local" --jobs 1 --threads 1 --no-pictures > "$out/local.log" 2>&1
rc=$?
[[ $rc -eq 0 || $rc -eq 4 ]] || { cat "$out/local.log"; fail "local sweep exited $rc"; }

"$exe" sweep "$sweep" -o "$out/cluster" --slurm --threads 1 --no-pictures > "$out/submit.log" 2>&1 \
  || { cat "$out/submit.log"; fail "--slurm submission"; }
cat "$out/submit.log"
job=$(grep -oE "Submitted batch job [0-9]+" "$out/submit.log" | awk '{print $4}')
[[ -n $job ]] || fail "no job id from sbatch"
for _ in $(seq 600); do
  [[ -z $(squeue -h -j "$job" 2> /dev/null) ]] && break
  sleep 1
done
[[ -z $(squeue -h -j "$job" 2> /dev/null) ]] || fail "job $job still queued or running after 10 min"
cat "$out/cluster/slurm/"task-*.out

"$exe" sweep --collect "$out/cluster" > "$out/collect.log" 2>&1 || { cat "$out/collect.log"; fail "--collect"; }
cut -d, -f1-4 "$out/local/ranking.csv" > "$out/local.rank"
cut -d, -f1-4 "$out/cluster/ranking.csv" > "$out/cluster.rank"
cat "$out/cluster.rank"
diff "$out/local.rank" "$out/cluster.rank" || fail "the cluster's ranking differs from the local one"

# Re-submitting a finished sweep submits nothing.
"$exe" sweep "$sweep" -o "$out/cluster" --slurm --threads 1 > "$out/again.log" 2>&1
grep -q "nothing to submit" "$out/again.log" || { cat "$out/again.log"; fail "re-submission"; }
cleanup
echo "slurm one-node: OK"
