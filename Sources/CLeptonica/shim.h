#ifndef FORMPIPE_CLEPTONICA_SHIM_H
#define FORMPIPE_CLEPTONICA_SHIM_H

// Leptonica: page clean-up of scans (background normalization, binarization, skew, morphology).
#include <leptonica/allheaders.h>

#endif
