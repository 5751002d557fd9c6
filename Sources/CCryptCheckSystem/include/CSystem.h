#ifndef CRYPTCHECK_CSYSTEM_H
#define CRYPTCHECK_CSYSTEM_H

#include <stddef.h>
#include <sys/types.h>

/// getdents64(2): reads directory entries of an open directory into `buffer` as
/// `struct linux_dirent64` records; returns the bytes read, 0 at the end, -1 with errno set.
/// The scanner's walk uses it on the descriptor it already holds, where fdopendir(3) would
/// add an fstat and two fcntl calls per directory.
ssize_t cc_getdents64(int descriptor, void *buffer, size_t length);

#endif
