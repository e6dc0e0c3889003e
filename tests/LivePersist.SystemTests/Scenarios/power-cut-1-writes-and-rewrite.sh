#!/bin/bash
# Power cut, first boot (run with --power-cut-on MARKER, MARKER as $1): creates the Persistent
# Storage, notes the two versions of persistence.conf that turning GnuPG on and off goes between
# (conf.0, conf.1), then, while files are written into ~/Persistent (fsync'd ones listed in
# durable.list, and unsynced bulk), turns GnuPG on and off until a watcher sees the configuration
# being rewritten (its temporary file) and prints MARKER: the host cuts the power there.
# Facts: create.*, enable.*, disable.*, conf.stable, cut.trigger.
source "$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh"
marker=${1:?usage: power-cut-1-writes-and-rewrite.sh MARKER}

stick=$(first_stick)
make_amnesia_home
passphrase_lines create.stdin "$(<passphrase)"
lp_must_with_input create create.stdin create --device "$stick" "${LP_TEST_KDF[@]}"
cp "$LP_VOLUME/persistence.conf" conf.0
lp_must enable features enable GnuPG
cp "$LP_VOLUME/persistence.conf" conf.1
lp_must disable features disable GnuPG
cmp -s "$LP_VOLUME/persistence.conf" conf.0 && fact conf.stable yes || fact conf.stable no

: >durable.list
durable_writer "$AMNESIA_HOME/Persistent/durable" "$PWD/durable.list" &
bulk_writer "$AMNESIA_HOME/Persistent/bulk" &
nap 2
(
  shopt -s nullglob
  while :; do
    for temporary in "$LP_VOLUME"/.live-persist-*.tmp; do
      cut_power "$marker" "rewrite of the configuration (${temporary##*/})"
    done
    nap 0.005
  done
) &
for round in 1 2 3 4; do
  lp "enable_$round" features enable GnuPG
  lp "disable_$round" features disable GnuPG
done
cut_power "$marker" "after 4 rounds: the watcher never saw a rewrite"
