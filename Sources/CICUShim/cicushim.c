#include "cicushim.h"
#include <pthread.h>
#include <string.h>
#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uversion.h>

// Break iterators are not thread-safe; opening one costs far more than segmenting a sentence, so each
// thread keeps its own and reuses it.
static _Thread_local UBreakIterator *wordIterator = NULL;
static _Thread_local UBreakIterator *sentenceIterator = NULL;

// Each thread's ICU objects are closed when the thread ends (a pthread key's destructor): worker threads
// come and go, and each used to leave its iterators and spoof checker behind (found by LeakSanitizer).
static pthread_key_t breakKeys[2];
static pthread_once_t breakKeysOnce = PTHREAD_ONCE_INIT;
static void closeBreakIterator(void *it) { if (it != NULL) ubrk_close((UBreakIterator *)it); }
static void makeBreakKeys(void) {
    pthread_key_create(&breakKeys[0], closeBreakIterator);
    pthread_key_create(&breakKeys[1], closeBreakIterator);
}

int32_t mt_icu_version(char *buf, int32_t capacity) {
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, text);
    int32_t n = (int32_t)strlen(text);
    if (capacity <= 0) return n;
    int32_t copy = n < capacity - 1 ? n : capacity - 1;
    memcpy(buf, text, (size_t)copy);
    buf[copy] = 0;
    return n;
}

static UBreakIterator *iterator(UBreakIteratorType type, UBreakIterator **slot, const char *locale, int key) {
    if (*slot == NULL) {
        UErrorCode status = U_ZERO_ERROR;
        UBreakIterator *it = ubrk_open(type, locale, NULL, 0, &status);
        if (U_FAILURE(status)) return NULL;
        *slot = it;
        pthread_once(&breakKeysOnce, makeBreakKeys);
        pthread_setspecific(breakKeys[key], it);
    }
    return *slot;
}

static int32_t breaks(UBreakIterator *it, const uint16_t *text, int32_t length,
                      int32_t *bounds, int32_t *statuses, int32_t capacity) {
    if (it == NULL || length < 0 || capacity < 1) return -1;
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(it, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    bounds[count] = 0;
    if (statuses) statuses[count] = 0;
    count++;
    for (int32_t b = ubrk_next(it); b != UBRK_DONE; b = ubrk_next(it)) {
        if (count >= capacity) return -1;
        bounds[count] = b;
        if (statuses) statuses[count] = ubrk_getRuleStatus(it);
        count++;
    }
    // Drop the iterator's reference to the caller's buffer.
    ubrk_setText(it, NULL, 0, &status);
    return count;
}

int32_t mt_word_breaks(const uint16_t *text, int32_t length, int32_t *bounds, int32_t *statuses, int32_t capacity) {
    return breaks(iterator(UBRK_WORD, &wordIterator, "en_US", 0), text, length, bounds, statuses, capacity);
}

int32_t mt_sentence_breaks(const uint16_t *text, int32_t length, int32_t *bounds, int32_t capacity) {
    return breaks(iterator(UBRK_SENTENCE, &sentenceIterator, "en_US@ss=standard", 1), text, length, bounds, NULL, capacity);
}

static int32_t normalize(const UNormalizer2 *n, UErrorCode status, const uint16_t *src, int32_t length,
                         uint16_t *dst, int32_t capacity) {
    if (U_FAILURE(status)) return -1;
    int32_t out = unorm2_normalize(n, (const UChar *)src, length, (UChar *)dst, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return out;
    if (U_FAILURE(status)) return -1;
    return out;
}

int32_t mt_nfkc_casefold(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFKCCasefoldInstance(&status);
    return normalize(n, status, src, length, dst, capacity);
}

int32_t mt_nfc(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFCInstance(&status);
    return normalize(n, status, src, length, dst, capacity);
}

int32_t mt_nfc_span(const uint16_t *src, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return length;
    int32_t span = unorm2_spanQuickCheckYes(n, (const UChar *)src, length, &status);
    return U_FAILURE(status) ? length : span;
}

int32_t mt_script(uint32_t codePoint) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript((UChar32)codePoint, &status);
    return U_FAILURE(status) ? -1 : (int32_t)code;
}

// Copies a C string into buf (truncated, NUL-terminated); returns its full length.
static int32_t copy_name(const char *name, char *buf, int32_t capacity) {
    int32_t n = (int32_t)strlen(name);
    if (capacity <= 0) return n;
    int32_t copy = n < capacity - 1 ? n : capacity - 1;
    memcpy(buf, name, (size_t)copy);
    buf[copy] = 0;
    return n;
}

int32_t mt_script_short_name(int32_t script, char *buf, int32_t capacity) {
    const char *name = uscript_getShortName((UScriptCode)script);
    return copy_name(name ? name : "Zzzz", buf, capacity);
}

int32_t mt_char_type(uint32_t codePoint) {
    return (int32_t)u_charType((UChar32)codePoint);
}

// ---- Characters family (append-only) ----
#include <unicode/uspoof.h>

int32_t mt_script_long_name(int32_t script, char *buf, int32_t capacity) {
    const char *name = uscript_getName((UScriptCode)script);
    return copy_name(name ? name : "Unknown", buf, capacity);
}

static _Thread_local USpoofChecker *spoofChecker = NULL;
static pthread_key_t spoofKey;
static pthread_once_t spoofKeyOnce = PTHREAD_ONCE_INIT;
static void closeSpoofChecker(void *c) { if (c != NULL) uspoof_close((USpoofChecker *)c); }
static void makeSpoofKey(void) { pthread_key_create(&spoofKey, closeSpoofChecker); }

int32_t mt_confusable(const uint16_t *a, int32_t alength, const uint16_t *b, int32_t blength) {
    UErrorCode status = U_ZERO_ERROR;
    if (spoofChecker == NULL) {
        spoofChecker = uspoof_open(&status);
        if (U_FAILURE(status)) { spoofChecker = NULL; return -1; }
        uspoof_setChecks(spoofChecker, USPOOF_CONFUSABLE, &status);
        if (U_FAILURE(status)) { uspoof_close(spoofChecker); spoofChecker = NULL; return -1; }
        pthread_once(&spoofKeyOnce, makeSpoofKey);
        pthread_setspecific(spoofKey, spoofChecker);
    }
    int32_t r = uspoof_areConfusable(spoofChecker, (const UChar *)a, alength, (const UChar *)b, blength, &status);
    return U_FAILURE(status) ? -1 : r;
}

int32_t mt_is_alphabetic(uint32_t codePoint) {
    return u_hasBinaryProperty((UChar32)codePoint, UCHAR_ALPHABETIC) ? 1 : 0;
}

// ---- Transliteration ----
#include <unicode/utrans.h>

void *mt_translit_open(const uint16_t *id, int32_t idLength, const uint16_t *rules, int32_t rulesLength,
                       int32_t *errorOffset) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse;
    memset(&parse, 0, sizeof parse);
    parse.offset = -1;
    UTransliterator *t = utrans_openU((const UChar *)id, idLength, UTRANS_FORWARD,
                                      (const UChar *)rules, rules ? rulesLength : 0, &parse, &status);
    if (U_FAILURE(status)) {
        if (t) utrans_close(t);
        if (errorOffset) *errorOffset = parse.offset;
        return NULL;
    }
    return t;
}

int32_t mt_translit_apply(void *handle, uint16_t *buf, int32_t length, int32_t capacity) {
    if (!handle) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t textLength = length, limit = length;
    utrans_transUChars((UTransliterator *)handle, (UChar *)buf, &textLength, capacity, 0, &limit, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return textLength > capacity ? textLength : capacity + 1;
    if (U_FAILURE(status)) return -1;
    return textLength;
}

void mt_translit_close(void *handle) {
    if (handle) utrans_close((UTransliterator *)handle);
}
