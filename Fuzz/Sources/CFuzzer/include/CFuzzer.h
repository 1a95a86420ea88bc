// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer). SwiftPM links executables with
// `main = <Module>_main`, so libFuzzer's own main() is never used: the Swift entry point calls this.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
