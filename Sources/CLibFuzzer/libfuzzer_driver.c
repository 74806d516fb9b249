// The declaration in include/libfuzzer_driver.h is all this target provides; SwiftPM needs a
// source file to build a C target.
#include "libfuzzer_driver.h"
