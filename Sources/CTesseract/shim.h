#ifndef FORMPIPE_CTESSERACT_SHIM_H
#define FORMPIPE_CTESSERACT_SHIM_H

// Tesseract's C API. Only this header is used: images are handed over as raw grey bytes
// (TessBaseAPISetImage), so no leptonica call is needed from Swift.
#include <tesseract/capi.h>

#endif
