/** @file
 * @brief libFuzzer target: the text reader (read_buffer on "x.txt") and analysis.
 */
#define NEWSDEX_FUZZ_NAME "x.txt"
#include "fuzz_reader.inc"
