#ifndef FORMPIPE_LIBFUZZER_DRIVER_H
#define FORMPIPE_LIBFUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry point for programs with their own main (compiler-rt FuzzerInterface.h).
/// Defined only when the program is linked with `-sanitize=fuzzer`: `formpipe-fuzz` calls it
/// under `#if FUZZING`, which `scripts/fuzz.sh` sets together with that flag.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
