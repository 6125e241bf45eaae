/** @file
 * @brief CsvRecordSplitter: RFC 4180 field splitting (quotes, "" escapes,
 *        quoted line breaks) for CSV and TSV, fed one line at a time.
 */
#ifndef NEWSDEX_CSV_RECORD_H
#define NEWSDEX_CSV_RECORD_H

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// Fed line by line (from LineReader, so line ends are already split off),
/// it rebuilds records whose quoted fields span lines; a quoted line break
/// becomes "\n" whatever the file used.
///
/// Like Python's csv module it is lenient where RFC 4180 forbids: a quote
/// inside an unquoted field is an ordinary character (a"b reads as a"b),
/// and text after a closing quote is kept ("a"b reads as ab), so one stray
/// quote does not cost a record.
class CsvRecordSplitter {
  public:
    explicit CsvRecordSplitter(char separator) : separator_(separator) {}

    /// Adds the next line. Returns true when it completes a record, whose
    /// fields are then in fields()/field_count(); false when a quoted field
    /// goes on to the next line.
    bool add_line(std::string_view line);

    /// True between lines of a record (a quoted field is open).
    bool in_record() const { return in_quotes_; }

    /// The completed record's fields; the caller may move strings out.
    /// Only the first field_count() entries belong to the record (the rest
    /// are kept so their memory is reused).
    std::vector<std::string>& fields() { return fields_; }
    std::size_t field_count() const { return count_; }

  private:
    std::string& start_field();

    char separator_;
    std::vector<std::string> fields_;
    std::size_t count_ = 0;
    bool in_quotes_ = false;
};

}  // namespace newsdex

#endif  // NEWSDEX_CSV_RECORD_H
