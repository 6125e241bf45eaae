/** @file
 * @brief CsvRecordSplitter: the RFC 4180 state machine.
 */
#include "csv_record.h"

namespace newsdex {

std::string& CsvRecordSplitter::start_field() {
    if (count_ == fields_.size()) fields_.emplace_back();
    std::string& field = fields_[count_++];
    field.clear();
    return field;
}

bool CsvRecordSplitter::add_line(std::string_view line) {
    std::size_t i = 0;
    std::string* field;
    if (in_quotes_) {
        field = &fields_[count_ - 1];
        field->push_back('\n');  // the quoted line break
    } else {
        count_ = 0;
        field = &start_field();
        if (!line.empty() && line[0] == '"') {
            in_quotes_ = true;
            i = 1;
        }
    }
    for (;;) {
        if (in_quotes_) {
            std::size_t quote = line.find('"', i);
            if (quote == std::string_view::npos) {
                field->append(line.substr(i));
                return false;  // the field goes on at the next line
            }
            field->append(line.substr(i, quote - i));
            if (quote + 1 < line.size() && line[quote + 1] == '"') {
                field->push_back('"');  // "" inside quotes
                i = quote + 2;
                continue;
            }
            in_quotes_ = false;
            i = quote + 1;
        }
        // Unquoted text (or text after a closing quote) runs to the next
        // separator; a quote here is an ordinary character.
        std::size_t separator = line.find(separator_, i);
        if (separator == std::string_view::npos) {
            field->append(line.substr(i));
            return true;
        }
        field->append(line.substr(i, separator - i));
        field = &start_field();
        i = separator + 1;
        if (i < line.size() && line[i] == '"') {
            in_quotes_ = true;
            ++i;
        }
    }
}

}  // namespace newsdex
