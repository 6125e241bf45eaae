/** @file
 * @brief Adds the wall time spent in a scope to a running total.
 */
#ifndef NEWSDEX_SCOPED_TIMER_H
#define NEWSDEX_SCOPED_TIMER_H

#include <chrono>

namespace newsdex {

/// `ScopedTimer timer{.total = seconds};` adds the time until the end of the
/// scope to `seconds`, whether the scope ends normally or by an exception
/// (a failed commit still took its time).
struct ScopedTimer {
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    double& total;
    ~ScopedTimer() { total += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); }
};

}  // namespace newsdex

#endif  // NEWSDEX_SCOPED_TIMER_H
