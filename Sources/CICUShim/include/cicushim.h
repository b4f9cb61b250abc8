// ICU for mtlint, behind an ICU-free header: only plain integer types cross this boundary, so Swift
// modules that import Foundation (which carries its own private ICU) can use it without clashes.
#ifndef MTLINT_CICUSHIM_H
#define MTLINT_CICUSHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU's version string ("72.1") into buf; returns its length.
int32_t mt_icu_version(char *buf, int32_t capacity);

/// Word segmentation (UAX #29 with ICU's dictionaries). Writes boundary offsets (UTF-16 units, starting
/// with 0 and ending with length) and, for each segment ending at bounds[i], ICU's rule status into
/// statuses[i] (statuses[0] is 0). Returns the number of boundaries, or -1 on error or when capacity
/// (which length + 1 always satisfies) is too small. One iterator per thread, reused.
int32_t mt_word_breaks(const uint16_t *text, int32_t length, int32_t *bounds, int32_t *statuses, int32_t capacity);

/// Sentence segmentation with English abbreviation suppression ("Mr. Smith" is one sentence).
/// Same contract as mt_word_breaks, without statuses.
int32_t mt_sentence_breaks(const uint16_t *text, int32_t length, int32_t *bounds, int32_t capacity);

/// NFKC_Casefold of src into dst. Returns the output length; when it exceeds capacity nothing useful is
/// written and the required length is returned (call again with a larger buffer). -1 on error.
int32_t mt_nfkc_casefold(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity);

/// NFC of src into dst; same contract as mt_nfkc_casefold.
int32_t mt_nfc(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity);

/// Length of the prefix of src that is certainly in NFC (length when the whole text is).
int32_t mt_nfc_span(const uint16_t *src, int32_t length);

/// ICU script code (UScriptCode) of a code point; -1 on error.
int32_t mt_script(uint32_t codePoint);

/// Short script name ("Latn", "Cyrl") of a script code into buf; returns its length.
int32_t mt_script_short_name(int32_t script, char *buf, int32_t capacity);

/// General category (UCharCategory) of a code point.
int32_t mt_char_type(uint32_t codePoint);

// ---- Characters family (append-only) ----

/// English name of a script code ("Cyrillic", "Han") into buf; returns its length.
int32_t mt_script_long_name(int32_t script, char *buf, int32_t capacity);

/// ICU's spoof checker: whether two strings are visually confusable (non-zero: the USPOOF_*_CONFUSABLE
/// bits), 0 when not, -1 on error. One checker per thread, reused.
int32_t mt_confusable(const uint16_t *a, int32_t alength, const uint16_t *b, int32_t blength);

/// Whether a code point is alphabetic (UCHAR_ALPHABETIC), per the system ICU.
int32_t mt_is_alphabetic(uint32_t codePoint);

// ---- Transliteration ----

/// Opens an ICU transliterator: from a compound ID ("Ukrainian-Latin/BGN; [\\u02B9] Remove") when rules is
/// NULL, else from rule text (rules may start with "::ID;" steps). Returns an opaque handle, or NULL with
/// the parse error's offset in *errorOffset (-1 when unknown). Close it with mt_translit_close.
void *mt_translit_open(const uint16_t *id, int32_t idLength, const uint16_t *rules, int32_t rulesLength,
                       int32_t *errorOffset);

/// Transliterates buf[0..<length] in place; returns the new length, or the required capacity (greater
/// than capacity, buf unusable) to call again with, or -1 on error. Not thread-safe per handle.
int32_t mt_translit_apply(void *handle, uint16_t *buf, int32_t length, int32_t capacity);

void mt_translit_close(void *handle);

#ifdef __cplusplus
}
#endif

#endif
