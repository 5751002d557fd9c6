#ifndef CRYPTCHECK_CLIBPQ_SHIM_H
#define CRYPTCHECK_CLIBPQ_SHIM_H

// PostgreSQL's client library (Debian's libpq-dev; pkg-config gives -I/usr/include/postgresql).
#include <libpq-fe.h>

#endif
