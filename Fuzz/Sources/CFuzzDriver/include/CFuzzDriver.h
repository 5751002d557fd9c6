#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver (flags, corpus, mutation loop) over `test_one_input` and returns
/// its exit status. The fuzz executables call this from their entry point, because SwiftPM
/// names an executable's entry `<Target>_main` and so libFuzzer's own `main` is never linked.
int cryptcheck_fuzz_run(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));

#endif
