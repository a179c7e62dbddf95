#ifndef HUSH_CARCHIVE_SHIM_H
#define HUSH_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
#endif
