#include "CFuzzDriver.h"

/* libFuzzer's entry for programs that keep their own main (compiler-rt FuzzerInterface.h). */
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

int cryptcheck_fuzz_run(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size)) {
    return LLVMFuzzerRunDriver(&argc, &argv, test_one_input);
}
