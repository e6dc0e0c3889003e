# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are for the scenarios that source this file
# What the snapshot power-cut scenarios (snapshot-cut-*.sh) share, sourced after lib.sh: the snapshot
# folder, the changes a session makes to it, and the states a save may leave on the volume.
# Every file of the folder starts with a line "old NAME" or "new NAME", so a watcher can tell with a
# shell builtin (read) whether the save has already replaced it.

readonly SNAP_DESTINATION=$AMNESIA_HOME/Snap
readonly SNAP_SOURCE_NAME=Snap
readonly SNAP_SOURCE=$LP_VOLUME/$SNAP_SOURCE_NAME
# The session's changes, made in the first boot and kept in the share for the second one.
readonly SNAP_CHANGES=$PWD/snap-changes

# add_snapshot_binding: the folder's line in persistence.conf (appending keeps its owner and mode).
add_snapshot_binding() {
  printf '%s\tsource=%s,snapshot\n' "$SNAP_DESTINATION" "$SNAP_SOURCE_NAME" >>"$LP_VOLUME/persistence.conf"
}

# random_file FILE VERSION NAME BYTES: the header line, then BYTES random bytes.
random_file() {
  { echo "$2 $3"; head -c "$4" /dev/urandom; } >"$1"
}

# write_old_content DIRECTORY: the folder as first saved: 24 files f-NN and 6 in docs/ that the
# session changes, 3 it keeps, 2 it deletes, one it renames, one it only chmods.
write_old_content() {
  local directory=$1 name
  mkdir -p "$directory/docs"
  for name in f-{00..23} docs/d-{0..5} keep-{0..2} gone-{0..1} renamed-from chmod-me; do
    random_file "$directory/$name" old "$name" 4096
  done
  chmod 0600 "$directory/chmod-me"
}

# make_changes DIRECTORY: the new content of the changed and new files, of varied sizes (2 KiB to
# 3 MiB, ~32 MiB in all), so that the save takes a while and a cut lands part way.
make_changes() {
  local directory=$1 i name sizes=(2048 98304 1048576 3145728)
  mkdir -p "$directory/docs"
  for i in {0..23}; do
    printf -v name 'f-%02d' "$i"
    random_file "$directory/$name" new "$name" "${sizes[i % 4]}"
  done
  for i in {0..5}; do random_file "$directory/docs/d-$i" new "docs/d-$i" 524288; done
  for i in {0..3}; do random_file "$directory/new-$i" new "new-$i" 1048576; done
}

# apply_changes: makes the session's changes in the folder as the desktop user: new content, new
# files, deletions, a rename, a chmod. Idempotent, so that it can be made again over a volume a cut
# left half saved.
apply_changes() {
  rm -rf /tmp/snap-changes
  cp -r "$SNAP_CHANGES" /tmp/snap-changes
  chown -R 1000:1000 /tmp/snap-changes
  # shellcheck disable=SC2016 # expanded by the inner shell
  as_amnesia bash -c '
    set -e
    cp -r /tmp/snap-changes/. "$1/"
    rm -f "$1"/gone-0 "$1"/gone-1
    if [[ -e $1/renamed-from ]]; then mv -f "$1/renamed-from" "$1/renamed-to"; fi
    chmod 0640 "$1/chmod-me"
  ' apply "$SNAP_DESTINATION"
}

# folder_state DIRECTORY: one line per entry below DIRECTORY: path, type, owner, mode, and the
# SHA-256 of a file's content ("-" otherwise), sorted by path.
folder_state() {
  (
    cd "$1" || exit 1
    find . -mindepth 1 -printf '%P\t%y\t%U:%G\t%m\n' | LC_ALL=C sort -t $'\t' -k1,1 >/tmp/folder-entries
    find . -mindepth 1 -type f -printf '%P\0' | xargs -0 -r sha256sum | awk '{ print substr($0, 67) "\t" $1 }' |
      LC_ALL=C sort -t $'\t' -k1,1 >/tmp/folder-sums
    LC_ALL=C join -t $'\t' -a 1 -e - -o 1.1,1.2,1.3,1.4,2.2 /tmp/folder-entries /tmp/folder-sums
  )
}

# is_save_temporary NAME: whether NAME is one of the saver's temporary names.
is_save_temporary() {
  [[ ${1##*/} =~ ^\.live-persist-[0-9a-f]{16}\.tmp$ ]]
}

# classify_state OLD NEW NOW: compares each path of the folder as found on the volume (NOW) with its
# state before (OLD) and after (NEW) the session's changes; an absent path counts as such in each.
# Prints "old N", "new N", "same N" (unchanged by the session), "torn N" (neither: the list follows
# as "torn: PATH"), "temporaries N" (the saver's temporary names), "foreign N" (anything else).
classify_state() {
  awk -F '\t' '
    function temporary(path) { return path ~ /(^|\/)\.live-persist-[0-9a-f]+\.tmp$/ }
    FILENAME == ARGV[1] { old[$1] = $2 " " $3 " " $4 " " $5; paths[$1] = 1; next }
    FILENAME == ARGV[2] { new[$1] = $2 " " $3 " " $4 " " $5; paths[$1] = 1; next }
    {
      if (temporary($1)) { count["temporaries"]++; next }
      now[$1] = $2 " " $3 " " $4 " " $5
      if (!($1 in paths)) { count["foreign"]++; print "foreign: " $1 }
    }
    END {
      for (path in paths) {
        o = (path in old) ? old[path] : "absent"
        n = (path in new) ? new[path] : "absent"
        w = (path in now) ? now[path] : "absent"
        if (w == o && w == n) count["same"]++
        else if (w == o) count["old"]++
        else if (w == n) count["new"]++
        else { count["torn"]++; print "torn: " path " (" w ")" }
      }
      split("old new same torn temporaries foreign", kinds, " ")
      for (i = 1; i <= 6; i++) print kinds[i] " " (count[kinds[i]] + 0)
    }
  ' "$1" "$2" "$3"
}
