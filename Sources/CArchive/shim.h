#ifndef HUSH_CARCHIVE_SHIM_H
#define HUSH_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>

// The file-type macros are casts, which Swift does not import: one function per type we tell apart.
static inline int hush_archive_entry_is_regular(struct archive_entry *e) { return archive_entry_filetype(e) == AE_IFREG; }
static inline int hush_archive_entry_is_directory(struct archive_entry *e) { return archive_entry_filetype(e) == AE_IFDIR; }
static inline int hush_archive_entry_is_symlink(struct archive_entry *e) { return archive_entry_filetype(e) == AE_IFLNK; }
static inline int hush_archive_entry_is_device(struct archive_entry *e) {
    unsigned int t = archive_entry_filetype(e);
    return t == AE_IFCHR || t == AE_IFBLK;
}
static inline int hush_archive_entry_is_fifo_or_socket(struct archive_entry *e) {
    unsigned int t = archive_entry_filetype(e);
    return t == AE_IFIFO || t == AE_IFSOCK;
}
#endif
