#ifndef FORMPIPE_SYSTEM_SUPPORT_H
#define FORMPIPE_SYSTEM_SUPPORT_H

/// Atomically swaps two paths on the same filesystem (renameat2 RENAME_EXCHANGE), so a
/// reader sees either the old output folder or the new one, never neither.
/// Returns 0 on success, -1 with errno set otherwise.
int formpipe_rename_exchange(const char *from, const char *to);

/// Renames only if `to` does not exist (renameat2 RENAME_NOREPLACE).
int formpipe_rename_noreplace(const char *from, const char *to);

#endif
