/** @file
 * @brief The doctest runner for newsdex_tests (all *_test.cc files link here).
 */
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
