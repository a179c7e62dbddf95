#ifndef HUSH_CVECTORSCAN_SHIM_H
#define HUSH_CVECTORSCAN_SHIM_H
#include <hs/hs.h>
#endif
