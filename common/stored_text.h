/** @file
 * @brief The article text as the document data keeps it (schema 6).
 *
 * Xapian inflates a document's data whole on every read. With the text
 * inside the JSON object, every hit of every result paid for inflating its
 * text, snippets or not: on UN speeches (12.7 kB of text each) that was
 * 57 % of the CPU of a batch without snippets. So the indexer deflates the
 * text itself (libdeflate: raw DEFLATE, which zlib reads too) and appends
 * it after the object (schema.h, data::). Xapian's own compression then
 * finds little to gain in the data and keeps it (nearly) as is, and only a
 * snippet pays for inflating the text. (Short texts are appended as they
 * are: Xapian's inflate of them costs little.)
 *
 * Why not a value slot: Xapian 1.4 writes values while committing from an
 * object whose destructor writes too, so a full disk during that write
 * aborted the indexer (std::terminate) instead of failing cleanly; large
 * values make that write the likely one to fail.
 */
#ifndef NEWSDEX_STORED_TEXT_H
#define NEWSDEX_STORED_TEXT_H

#include <string>
#include <string_view>

namespace newsdex {

/// @p text packed for the document data: "" for "", else a tag byte and
/// either the text deflated (raw deflate, with its length) or, for a text
/// under 1 kB or one deflate does not shorten, the text itself.
std::string pack_stored_text(std::string_view text);

/// The text pack_stored_text() packed into @p value. Never throws: a value
/// that is not one (a damaged database) gives "".
std::string unpack_stored_text(std::string_view value);

}  // namespace newsdex

#endif  // NEWSDEX_STORED_TEXT_H
