/** @file
 * @brief libFuzzer target: the jsonl reader (read_buffer on "x.jsonl") and analysis.
 */
#define NEWSDEX_FUZZ_NAME "x.jsonl"
#include "fuzz_reader.inc"
