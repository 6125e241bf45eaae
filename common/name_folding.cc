/** @file
 * @brief Folding names and text for gazetteer matching (see name_folding.h).
 *
 * Diacritics are folded with a table rather than ICU: the table is a single
 * array lookup per non-ASCII letter, keeps newsdex free of another library,
 * and handles letters that have no Unicode decomposition and so survive
 * "NFD + drop marks" (ø, đ, ł, æ, œ, ß, and the Bambara, Fula and Tamasheq
 * letters ɛ ɔ ɲ ŋ ɓ ɗ ƴ ɣ ǝ that turn up in Sahel place and group names).
 * Combining marks are dropped separately, so text that arrives already
 * decomposed (e + U+0301) folds like precomposed text.
 */
#include "name_folding.h"

#include <xapian.h>

namespace newsdex {
namespace {

// Lower-case Latin letter -> ASCII base letter(s); "" = leave as is.
// Generated with Python's unicodedata: for each code point, lower-case it,
// apply NFD, drop category Mn; keep the result if it is ASCII letters. Letters
// without a decomposition were filled in by hand (ß ss, æ ae, œ oe, ø o,
// đ/ð d, ł l, þ th, ı i, ŋ ng, ɲ ny, ɛ e, ɔ o, ɓ b, ɗ/ɖ d, ƴ y, ƙ k, ɣ gh,
// ǝ/ə e, ...). Regenerate rather than edit by hand.
// U+00C0..U+02AF
constexpr char kFoldLatin[][3] = {
    "a","a","a","a","a","a","ae","c","e","e","e","e","i","i","i","i",  // U+00C0
    "d","n","o","o","o","o","o","","o","u","u","u","u","y","th","ss",  // U+00D0
    "a","a","a","a","a","a","ae","c","e","e","e","e","i","i","i","i",  // U+00E0
    "d","n","o","o","o","o","o","","o","u","u","u","u","y","th","y",  // U+00F0
    "a","a","a","a","a","a","c","c","c","c","c","c","c","c","d","d",  // U+0100
    "d","d","e","e","e","e","e","e","e","e","e","e","g","g","g","g",  // U+0110
    "g","g","g","g","h","h","h","h","i","i","i","i","i","i","i","i",  // U+0120
    "i","i","ij","ij","j","j","k","k","k","l","l","l","l","l","l","l",  // U+0130
    "l","l","l","n","n","n","n","n","n","n","ng","ng","o","o","o","o",  // U+0140
    "o","o","oe","oe","r","r","r","r","r","r","s","s","s","s","s","s",  // U+0150
    "s","s","t","t","t","t","t","t","u","u","u","u","u","u","u","u",  // U+0160
    "u","u","u","u","w","w","y","y","y","z","z","z","z","z","z","s",  // U+0170
    "b","b","","","","","o","c","c","d","d","","","","e","e",  // U+0180
    "e","f","f","g","gh","","","i","k","k","","","","ny","","",  // U+0190
    "o","o","","","","","","","","","","","t","t","","u",  // U+01A0
    "u","","","y","y","","","","","","","","","","","",  // U+01B0
    "","","","","dz","dz","dz","lj","lj","lj","nj","nj","nj","a","a","i",  // U+01C0
    "i","o","o","u","u","u","u","u","u","u","u","u","u","e","a","a",  // U+01D0
    "a","a","","","","","g","g","k","k","o","o","o","o","","",  // U+01E0
    "j","dz","dz","dz","g","g","","","n","n","a","a","","","","",  // U+01F0
    "a","a","a","a","e","e","e","e","i","i","i","i","o","o","o","o",  // U+0200
    "r","r","r","r","u","u","u","u","s","s","t","t","","","h","h",  // U+0210
    "","d","","","","","a","a","e","e","o","o","o","o","o","o",  // U+0220
    "o","o","y","y","l","n","t","j","","","","c","c","","","",  // U+0230
    "","","","b","u","","e","e","j","j","","","r","r","y","y",  // U+0240
    "","","","b","o","","d","d","","e","","e","","","","",  // U+0250
    "g","","","gh","","","h","","i","","","","","","","",  // U+0260
    "","","ny","","","","","","","","","","","","","",  // U+0270
    "","","","","","","","","","u","","","","","","",  // U+0280
    "","","","","","","","","","","","","","","","",  // U+0290
    "","","","","","","","","","","","","","","","",  // U+02A0
};
// U+1E00..U+1EFF
constexpr char kFoldLatinAdditional[][3] = {
    "a","a","b","b","b","b","b","b","c","c","d","d","d","d","d","d",  // U+1E00
    "d","d","d","d","e","e","e","e","e","e","e","e","e","e","f","f",  // U+1E10
    "g","g","h","h","h","h","h","h","h","h","h","h","i","i","i","i",  // U+1E20
    "k","k","k","k","k","k","l","l","l","l","l","l","l","l","m","m",  // U+1E30
    "m","m","m","m","n","n","n","n","n","n","n","n","o","o","o","o",  // U+1E40
    "o","o","o","o","p","p","p","p","r","r","r","r","r","r","r","r",  // U+1E50
    "s","s","s","s","s","s","s","s","s","s","t","t","t","t","t","t",  // U+1E60
    "t","t","u","u","u","u","u","u","u","u","u","u","v","v","v","v",  // U+1E70
    "w","w","w","w","w","w","w","w","w","w","x","x","x","x","y","y",  // U+1E80
    "z","z","z","z","z","z","h","t","w","y","","","","","ss","",  // U+1E90
    "a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a",  // U+1EA0
    "a","a","a","a","a","a","a","a","e","e","e","e","e","e","e","e",  // U+1EB0
    "e","e","e","e","e","e","e","e","i","i","i","i","o","o","o","o",  // U+1EC0
    "o","o","o","o","o","o","o","o","o","o","o","o","o","o","o","o",  // U+1ED0
    "o","o","o","o","u","u","u","u","u","u","u","u","u","u","u","u",  // U+1EE0
    "u","u","y","y","y","y","y","y","y","y","","","","","","",  // U+1EF0
};

const char* latin_fold(unsigned ch) {
    if (ch >= 0xC0 && ch < 0x2B0) return kFoldLatin[ch - 0xC0];
    if (ch >= 0x1E00 && ch < 0x1F00) return kFoldLatinAdditional[ch - 0x1E00];
    return nullptr;
}

// Modifier letters used as apostrophes or for ayin/hamza in transliterated
// Arabic ("Jamāʿat"). Unicode calls them letters, so without this they would
// glue "Jama" and "at" together, unlike ' and ’ which are punctuation.
bool is_apostrophe_letter(unsigned ch) {
    return ch == 0x2B9 || (ch >= 0x2BB && ch <= 0x2BF);
}

// Invisible characters that sit inside words (soft hyphen, joiners, BOM):
// dropping them keeps "Tom\u00ADbouctou" one word.
bool is_ignorable(unsigned ch) {
    return ch == 0xAD || ch == 0x200C || ch == 0x200D || ch == 0x2060 || ch == 0xFEFF;
}

class Folder {
  public:
    Folder(std::string_view text, FoldCase mode, std::string& out,
           std::vector<FoldedToken>* tokens)
        : base_(text.data()), lower_(mode == FoldCase::lower), out_(out), tokens_(tokens) {
        out_.clear();
        out_.reserve(text.size());  // folding rarely grows text (ß, æ do)
        if (tokens_) {
            tokens_->clear();
            tokens_->reserve(text.size() / 4);
        }
    }

    void run(std::string_view text) {
        const char* p = text.data();
        const char* const end = p + text.size();
        while (p < end) {
            const char* at = p;
            const auto b = static_cast<unsigned char>(*p);
            if (b < 0x80) {  // ASCII fast path: most of any article
                ++p;
                const unsigned char l = b | 0x20;
                if (l >= 'a' && l <= 'z') {
                    open(at);
                    out_.push_back(static_cast<char>(lower_ ? l : b));
                } else if (b >= '0' && b <= '9') {
                    open(at);
                    out_.push_back(static_cast<char>(b));
                } else {
                    close(at);
                }
                continue;
            }
            Xapian::Utf8Iterator it(p, static_cast<std::size_t>(end - p));
            const unsigned ch = *it;
            ++it;
            p = it.raw();
            non_ascii(ch, at);
        }
        close(end);
    }

  private:
    void non_ascii(unsigned ch, const char* at) {
        using namespace Xapian::Unicode;
        if (is_apostrophe_letter(ch)) return close(at);
        const category cat = get_category(ch);
        if (cat == NON_SPACING_MARK || cat == ENCLOSING_MARK) return;  // accents
        if (cat == FORMAT && is_ignorable(ch)) return;
        if (!is_wordchar(ch) || cat == CONNECTOR_PUNCTUATION) return close(at);
        open(at);
        const unsigned lc = tolower(ch);
        const char* f = latin_fold(lc);
        if (!f || !*f) {
            append_utf8(out_, lower_ ? lc : ch);
        } else if (lower_ || lc == ch) {
            out_.append(f);
        } else {  // upper-case letter, case kept: the table is ASCII
            for (; *f; ++f) out_.push_back(static_cast<char>(*f - 'a' + 'A'));
        }
    }

    void open(const char* at) {
        if (in_token_) return;
        if (!out_.empty()) out_.push_back(' ');
        cur_.begin = out_.size();
        cur_.src_begin = static_cast<std::size_t>(at - base_);
        in_token_ = true;
    }

    void close(const char* at) {
        if (!in_token_) return;
        in_token_ = false;
        cur_.end = out_.size();
        cur_.src_end = static_cast<std::size_t>(at - base_);
        if (tokens_) tokens_->push_back(cur_);
    }

    const char* base_;
    bool lower_;
    std::string& out_;
    std::vector<FoldedToken>* tokens_;
    bool in_token_ = false;
    FoldedToken cur_{};
};

}  // namespace

void fold_text(std::string_view text, FoldCase mode, std::string& out,
               std::vector<FoldedToken>* tokens) {
    Folder(text, mode, out, tokens).run(text);
}

std::string fold_name(std::string_view text, FoldCase mode) {
    std::string out;
    fold_text(text, mode, out);
    return out;
}

}  // namespace newsdex
