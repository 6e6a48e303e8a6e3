// libFuzzer's driver, linked in by -sanitize=fuzzer. SwiftPM points an executable's `main` at
// the module's own on Linux, so each target's main starts libFuzzer through this entry point
// (and defines LLVMFuzzerTestOneInput too, which libFuzzer's unused main refers to).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
