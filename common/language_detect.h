/** @file
 * @brief Telling which language an article is written in, from the
 *        frequency of each language's function words.
 *
 * Function words (articles, prepositions, pronouns, auxiliaries) make up a
 * third to a half of running text in English, French, Spanish, Portuguese,
 * Italian and German, and each language's short list barely overlaps the
 * others'. Counting them is reliable on a paragraph, needs no model file,
 * and cannot be fooled by the proper names news is full of (Kidal, Wagner,
 * MINUSMA read the same in every language). Measured on French press
 * articles mixed with English wire stories: bench/README-langid.md.
 */
#ifndef NEWSDEX_LANGUAGE_DETECT_H
#define NEWSDEX_LANGUAGE_DETECT_H

#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// Languages detect_language() can return (ISO 639-1 codes).
const std::vector<std::string>& detectable_languages();

struct LanguageGuess {
    std::string code;         ///< "" when the text is too short or too mixed to tell
    unsigned evidence = 0;    ///< function words of that language found
    double share = 0;         ///< its share of all function-word evidence, 0..1
};

/// The language of @p text (only its first 4,000 bytes are read). Needs at
/// least kMinEvidence function words and a clear lead over the runner-up;
/// otherwise code is "" and the caller falls back to a default.
LanguageGuess detect_language(std::string_view text);

/// Function words needed before detect_language() names a language.
inline constexpr unsigned kMinEvidence = 3;

}  // namespace newsdex

#endif  // NEWSDEX_LANGUAGE_DETECT_H
