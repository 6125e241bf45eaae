/** @file
 * @brief Publication-date parsing declared in dates.h.
 *
 * Written dates are cut into at most kMaxTokens tokens (digit runs, letter
 * runs, single punctuation marks; blanks only separate), and a few token
 * patterns are tried from the first token. Only the head of the text is
 * looked at, so whatever follows a date (time, zone, junk) costs nothing and
 * is ignored. Digit runs are never split, which is what makes "2024-03-201"
 * or "20 March 20245" fail instead of yielding a wrong day. No allocation,
 * no exceptions, every byte access bounds-checked.
 */
#include "dates.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>

namespace newsdex {
namespace {

// Enough for "le mercredi, 1er sept. 2024": longer heads are not dates.
constexpr std::size_t kMaxTokens = 16;
// Digits past this many are counted but not added, so values never overflow.
constexpr std::size_t kMaxValueDigits = 18;

// After the day: "20th", "1er", "1re"/"1ère" (folded, see fold_word).
constexpr std::string_view kOrdinalSuffixes[] = {"st", "nd", "rd", "th", "er", "re", "ere"};
// Words that may precede a date and say nothing about the day: weekdays, as
// in RFC 2822 and French headlines, and the French article ("le 20 mars").
constexpr std::string_view kLeadingWords[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lun", "mar", "mer", "jeu", "ven", "sam", "dim", "le"};

// English and French names and abbreviations, lower case, accents removed.
struct MonthName {
    std::string_view name;
    int month;
};
constexpr MonthName kMonthNames[] = {
    {"january", 1}, {"jan", 1}, {"janvier", 1}, {"janv", 1}, {"february", 2}, {"feb", 2},
    {"fevrier", 2}, {"fevr", 2}, {"fev", 2}, {"march", 3}, {"mar", 3}, {"mars", 3},
    {"april", 4}, {"apr", 4}, {"avril", 4}, {"avr", 4}, {"may", 5}, {"mai", 5},
    {"june", 6}, {"jun", 6}, {"juin", 6}, {"july", 7}, {"jul", 7}, {"juillet", 7},
    {"juil", 7}, {"august", 8}, {"aug", 8}, {"aout", 8}, {"september", 9}, {"sep", 9},
    {"sept", 9}, {"septembre", 9}, {"october", 10}, {"oct", 10}, {"octobre", 10},
    {"november", 11}, {"nov", 11}, {"novembre", 11}, {"december", 12}, {"dec", 12},
    {"decembre", 12}};

unsigned char byte_at(std::string_view text, std::size_t i) {
    return i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
}

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Non-ASCII bytes count as letters so that "février" stays one word.
bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// Bytes of blank at @p i: ASCII white space, or the UTF-8 no-break space
// French typography puts in "20 mars 2024".
std::size_t blank_length(std::string_view text, std::size_t i) {
    const unsigned char c = byte_at(text, i);
    if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
    return c == 0xC2 && byte_at(text, i + 1) == 0xA0 ? 2 : 0;
}

// The base letter of the accented Latin-1 letters French month names use
// (é è ê ë, û ù ü, either case), 0 for any other code point.
char unaccented(unsigned code_point) {
    const unsigned lower = code_point | 0x20;
    if (lower >= 0xE8 && lower <= 0xEB) return 'e';
    if (lower >= 0xF9 && lower <= 0xFC) return 'u';
    return 0;
}

// A word lower-cased and stripped of accents, in UTF-8 or Latin-1, so that
// "Février", "FEVRIER" and "fevrier" compare equal. Empty when the word holds
// another non-ASCII letter or is longer than any name we look for.
struct FoldedWord {
    std::array<char, 12> chars{};
    std::size_t size = 0;
    std::string_view view() const { return {chars.data(), size}; }
};

FoldedWord fold_word(std::string_view word) {
    FoldedWord folded;
    for (std::size_t i = 0; i < word.size(); ++i) {
        unsigned c = byte_at(word, i);
        if (c == 0xC3 && (byte_at(word, i + 1) & 0xC0) == 0x80) c = byte_at(word, ++i) + 0x40;
        const char plain = c < 0x80 ? static_cast<char>(c | 0x20) : unaccented(c);
        if (plain == 0 || folded.size == folded.chars.size()) return {};
        folded.chars[folded.size++] = plain;
    }
    return folded;
}

enum class Kind { End, Number, Word, Mark };

struct Token {
    Kind kind = Kind::End;
    std::string_view text;
    std::int64_t value = 0;  // Number: its value (first kMaxValueDigits digits)
};

Token read_token(std::string_view text, std::size_t& i) {
    const std::size_t start = i;
    Token token;
    if (is_digit(byte_at(text, i))) {
        token.kind = Kind::Number;
        for (; is_digit(byte_at(text, i)); ++i)
            if (i - start < kMaxValueDigits) token.value = token.value * 10 + (text[i] - '0');
    } else if (is_word_byte(byte_at(text, i))) {
        token.kind = Kind::Word;
        while (is_word_byte(byte_at(text, i)) && blank_length(text, i) == 0) ++i;
    } else {
        token.kind = Kind::Mark;
        ++i;
    }
    token.text = text.substr(start, i - start);
    return token;
}

class Tokens {
  public:
    explicit Tokens(std::string_view text) {
        std::size_t i = 0;
        while (count_ < kMaxTokens) {
            while (std::size_t blank = blank_length(text, i)) i += blank;
            if (i >= text.size()) break;
            tokens_[count_++] = read_token(text, i);
        }
    }
    /// Past the last token: an End token, so patterns need no bounds checks.
    const Token& operator[](std::size_t i) const { return i < count_ ? tokens_[i] : end_; }

  private:
    std::array<Token, kMaxTokens> tokens_{};
    std::size_t count_ = 0;
    Token end_;
};

/// Walks the tokens for one pattern. A mismatch is sticky (like a stream's
/// failbit), so a pattern reads all its parts, then checks ok() once.
class Cursor {
  public:
    explicit Cursor(const Tokens& tokens) : tokens_(&tokens) {}
    bool ok() const { return ok_; }
    const Token& peek() const { return (*tokens_)[pos_]; }

    int number(std::size_t min_digits, std::size_t max_digits) {
        const Token& token = peek();
        const std::size_t digits = token.text.size();
        if (token.kind != Kind::Number || digits < min_digits || digits > max_digits) return fail();
        return static_cast<int>(take().value);
    }
    /// A four-digit year or, when allowed, a two-digit one: 00-69 -> 20xx, 70-99 -> 19xx.
    int year(bool two_digits_allowed) {
        if (!two_digits_allowed || peek().kind != Kind::Number || peek().text.size() != 2)
            return number(4, 4);
        const int short_year = number(2, 2);
        return short_year < 70 ? 2000 + short_year : 1900 + short_year;
    }
    int month_name() {
        if (peek().kind == Kind::Word) {
            const FoldedWord word = fold_word(peek().text);
            for (const MonthName& name : kMonthNames)
                if (name.name == word.view()) {
                    take();
                    return name.month;
                }
        }
        return fail();
    }
    char separator(std::string_view allowed) {
        const char mark = peek().kind == Kind::Mark ? peek().text[0] : '\0';
        if (mark == '\0' || allowed.find(mark) == std::string_view::npos) {
            fail();
            return '\0';
        }
        take();
        return mark;
    }
    void expect(char mark) { separator(std::string_view(&mark, 1)); }
    void skip_marks(std::string_view marks) {
        while (peek().kind == Kind::Mark && marks.find(peek().text[0]) != std::string_view::npos)
            take();
    }
    /// Skips a word from @p words if it is next; says whether it did.
    template <std::size_t N>
    bool skip_word(const std::string_view (&words)[N]) {
        if (peek().kind != Kind::Word) return false;
        const FoldedWord word = fold_word(peek().text);
        if (std::find(std::begin(words), std::end(words), word.view()) == std::end(words))
            return false;
        take();
        return true;
    }

  private:
    const Token& take() { return (*tokens_)[pos_++]; }
    int fail() { ok_ = false; return 0; }

    const Tokens* tokens_;
    std::size_t pos_ = 0;
    bool ok_ = true;
};

std::optional<Day> make_day(int year, int month, int day) {
    if (!is_valid_day(year, month, day)) return std::nullopt;
    return Day{year, month, day};
}

// 20240320, as in Reuters' "20130101 11:52PM UTC"; 20240320140500 (GDELT),
// whose time must be valid too since 14 digits could be many other things.
std::optional<Day> compact_date(Cursor c) {
    const Token& token = c.peek();
    const std::size_t digits = token.text.size();
    if (token.kind != Kind::Number || (digits != 8 && digits != 14)) return std::nullopt;
    const int date = static_cast<int>(digits == 8 ? token.value : token.value / 1000000);
    const int time = static_cast<int>(digits == 8 ? 0 : token.value % 1000000);
    if (time / 10000 > 23 || time / 100 % 100 > 59 || time % 100 > 60) return std::nullopt;
    return make_day(date / 10000, date / 100 % 100, date % 100);
}

// 2024-03-20 (ISO 8601, time and zone ignored), 2024/03/20, 2024.03.20.
std::optional<Day> year_first(Cursor c) {
    const int year = c.number(4, 4);
    const char separator = c.separator("-/.");
    const int month = c.number(1, 2);
    c.expect(separator);
    const int day = c.number(1, 2);
    return c.ok() ? make_day(year, month, day) : std::nullopt;
}

// 20/03/2024, 20-03-2024, 20.03.2024: day first, as in the French and
// African press, unless only month first makes sense (03/20/2024).
std::optional<Day> numeric_year_last(Cursor c) {
    const int first = c.number(1, 2);
    const char separator = c.separator("-/.");
    const int second = c.number(1, 2);
    c.expect(separator);
    const int year = c.number(4, 4);
    if (!c.ok()) return std::nullopt;
    const bool month_first = first <= 12 && second > 12;
    return month_first ? make_day(year, first, second) : make_day(year, second, first);
}

// 20 March 2024, 20-Mar-2024, 1er avril 2024, 20 Sept. 2024, RFC 2822's
// "20 Mar 2024 14:05:00 +0000", ACLED's 16-Feb-21, Reuters' 26-FEB-1987.
std::optional<Day> day_month_name_year(Cursor c) {
    const int day = c.number(1, 2);
    c.skip_word(kOrdinalSuffixes);
    c.skip_marks("-/.");
    const int month = c.month_name();
    c.skip_marks(".-/,");
    const int year = c.year(true);
    return c.ok() ? make_day(year, month, day) : std::nullopt;
}

// March 20, 2024; Mar 20 2024; Sept. 20th, 2024.
std::optional<Day> month_name_day_year(Cursor c) {
    const int month = c.month_name();
    c.skip_marks(".");
    const int day = c.number(1, 2);
    c.skip_word(kOrdinalSuffixes);
    c.skip_marks(",");
    const int year = c.year(false);
    return c.ok() ? make_day(year, month, day) : std::nullopt;
}

std::optional<Day> parse_written_date(std::string_view text) {
    const Tokens tokens(text);
    Cursor start(tokens);
    // "mercredi 20 mars 2024", "Wed, 20 Mar 2024": the weekday (and a French
    // "le") may come first. Patterns are tried before skipping so that "Mar"
    // is a month in "Mar 20 2024" and a weekday in "mar. 20 mars 2024".
    for (int skipped = 0; skipped <= 2; ++skipped) {
        for (auto pattern : {compact_date, year_first, numeric_year_last, day_month_name_year,
                             month_name_day_year})
            if (auto day = pattern(start)) return day;
        if (!start.skip_word(kLeadingWords)) break;
        start.skip_marks(".,");
    }
    return std::nullopt;
}

std::string_view trim_blanks(std::string_view text) {
    while (!text.empty() && blank_length(text, 0) == 1) text.remove_prefix(1);
    while (!text.empty() && blank_length(text, text.size() - 1) == 1) text.remove_suffix(1);
    return text;
}

// The whole text as a number, as JSON writes them ("1710943500", "1.7e12").
// The first-character test keeps out the "inf" and "nan" from_chars accepts.
std::optional<double> plain_number(std::string_view text) {
    const unsigned char first = byte_at(text, 0);
    if (!is_digit(first) && first != '-') return std::nullopt;
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || stop != end) return std::nullopt;
    return value;
}

// Seconds since 1970, or milliseconds when above 1e11 (as seconds, year 5138+).
std::optional<Day> from_unix_time(double value) {
    using namespace std::chrono;
    constexpr auto kLastDay = sys_days{year{9999} / December / 31}.time_since_epoch().count();
    if (!(value >= 0)) return std::nullopt;  // also NaN
    if (value > 1e11) value /= 1000;
    const double days_since_epoch = std::floor(value / 86400);
    if (days_since_epoch > kLastDay) return std::nullopt;
    const year_month_day ymd{sys_days{days{static_cast<std::int64_t>(days_since_epoch)}}};
    return make_day(static_cast<int>(ymd.year()),
                    static_cast<int>(static_cast<unsigned>(ymd.month())),
                    static_cast<int>(static_cast<unsigned>(ymd.day())));
}

// @p count digits at @p pos, or -1.
int digits_at(std::string_view text, std::size_t pos, std::size_t count) {
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!is_digit(byte_at(text, i))) return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

/// Appends @p value zero-padded to @p width digits (printf's "%0*d" for the
/// non-negative fields of a Day). Not snprintf: a date-ranged query formats
/// a term per day of its range, and printf's format parsing was a tenth of
/// such a batch.
std::string& append_padded(std::string& out, int value, int width) {
    char digits[16];
    const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
    for (auto length = end - digits; length < width; ++length) out += '0';
    return out.append(digits, end);
}

}  // namespace

std::string Day::iso() const {
    std::string out;
    append_padded(out, year, 4) += '-';
    append_padded(out, month, 2) += '-';
    return append_padded(out, day, 2);
}
std::string Day::compact() const {
    std::string out;
    append_padded(out, year, 4);
    append_padded(out, month, 2);
    return append_padded(out, day, 2);
}
std::string Day::year_month() const {
    std::string out;
    append_padded(out, year, 4);
    return append_padded(out, month, 2);
}

int days_in_month(int year, int month) {
    if (year < 1 || year > 9999 || month < 1 || month > 12) return 0;
    using namespace std::chrono;
    const month_day_last last_of_month{std::chrono::month{static_cast<unsigned>(month)}};
    const year_month_day_last last{std::chrono::year{year}, last_of_month};
    return static_cast<int>(static_cast<unsigned>(last.day()));
}

bool is_valid_day(int year, int month, int day) {
    return day >= 1 && day <= days_in_month(year, month);
}

std::optional<Day> parse_date(std::string_view text, bool numeric_field) {
    text = trim_blanks(text);
    if (numeric_field) {
        if (const auto number = plain_number(text)) {
            // A digits-only column holding 20240320 means a day, not 1970-08-23.
            if (auto day = parse_written_date(text)) return day;
            return from_unix_time(*number);
        }
    }
    return parse_written_date(text);
}

std::optional<Day> parse_date_bound(std::string_view text, bool end) {
    const std::size_t size = text.size();
    if (size != 4 && size != 7 && size != 10) return std::nullopt;
    const bool has_month = size >= 7, has_day = size == 10;
    if ((has_month && text[4] != '-') || (has_day && text[7] != '-')) return std::nullopt;
    const int year = digits_at(text, 0, 4);
    const int month = has_month ? digits_at(text, 5, 2) : (end ? 12 : 1);
    const int day = has_day ? digits_at(text, 8, 2) : (end ? days_in_month(year, month) : 1);
    return make_day(year, month, day);
}

}  // namespace newsdex
