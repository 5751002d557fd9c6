#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include "CSystem.h"

ssize_t cc_getdents64(int descriptor, void *buffer, size_t length) {
#ifdef __linux__
    return getdents64(descriptor, buffer, length);
#else
    (void)descriptor; (void)buffer; (void)length;
    errno = ENOSYS;
    return -1;
#endif
}
