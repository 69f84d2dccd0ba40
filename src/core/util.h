/*
 * util.h
 *		Small helpers shared by the files of the core.
 */
#ifndef DCV_UTIL_H
#define DCV_UTIL_H

#include "dcv_core.h"

#include <stdint.h>

static inline char
dcv_lower(unsigned char c)
{
	return (char) ((c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c);
}

/*
 * Sets *err (status, printf-style detail, index -1) and returns the status;
 * with err NULL only returns the status (callers that skip what fails).
 */
extern dcv_status dcv_fail(dcv_error *err, dcv_status status, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));

/* Writes s (len bytes) in double quotes, non-printable bytes as \xNN. */
extern void dcv_quote(char *out, size_t outsize, const char *s, size_t len);

/*
 * libidn2's conversion (UTS#46, non-transitional) of in, NUL-terminated,
 * into out[outsize], lowercased, its length in *outlen; the library's memory
 * is freed here.  Returns libidn2's code; -1 when the result (of *outlen
 * octets) does not fit in out.
 */
extern int	dcv_idn2_ascii(const char *in, char *out, size_t outsize, size_t *outlen);

/* How often domain normalization has called libidn2 (domain.c, labels.c). */
extern unsigned long dcv_idn2_count;

/*
 * Fullwidth ASCII and the ideographic full stops folded, and ASCII
 * lowercased, when that is all UTS#46 would do (domain.c); false otherwise.
 */
extern bool dcv_fold_fast(const unsigned char *in, size_t len, char *out, size_t *outlen);

/*
 * The Japanese-label path (labels.c): the name converted label by label, each
 * label remembered; false when a label is not of that kind or libidn2
 * refuses it (the whole-name path then decides, and words the error).
 */
extern bool dcv_map_by_label(const char *in, size_t len, char *out, size_t outsize,
							 size_t *outlen);

/* Rejects NUL bytes and malformed UTF-8. */
extern dcv_status dcv_check_utf8(const char *s, size_t len, dcv_status status,
								 dcv_error *err);

/* Calls a->interrupt every 1024th time i passes. */
static inline void
dcv_tick(const dcv_alloc *a, size_t i)
{
	if (a->interrupt && (i & 1023) == 1023)
		a->interrupt();
}

/*
 * Stable merge sort of an array of pointers, with a buffer from the
 * allocator and interrupt checks (so a long sort can be cancelled without
 * leaking memory, which qsort's own buffer would).
 */
extern void dcv_sort(void **items, size_t n,
					 int (*cmp) (const void *x, const void *y),
					 const dcv_alloc *a);

/* A copy of s (len bytes), NUL-terminated, from the allocator. */
extern char *dcv_strndup(const dcv_alloc *a, const char *s, size_t len);

/* Sorts strings in strcmp order and drops repeats; returns how many are left. */
extern size_t dcv_sort_unique(const char **v, size_t n, const dcv_alloc *a);

/* Whether s is among n strings in strcmp order. */
extern bool dcv_in_sorted(const char *const *v, size_t n, const char *s);

/* Labels of the public suffix of a name by the table, or -1 (psl.c). */
extern int	dcv_psl_suffix_labels(const char *name, size_t len);

/* The same question, always to libpsl. */
extern bool dcv_psl_is_suffix_lib(const char *s);

/*
 * The checks of UTS#46 that libidn2 skips (STD3 rules outside ASCII, the
 * Bidi rule across labels), on a normal form: lowercase LDH labels, A-labels
 * already validated by libidn2, a leading "*." allowed (uts46.c).
 */
extern dcv_status dcv_uts46_check(const char *name, size_t len, dcv_error *err);

/*
 * A direct-mapped memo from short strings to short strings, for results
 * that are expensive to compute and often asked again (see domain.c and
 * email.c).  It only remembers answers; a miss means "compute it".
 */
#define DCV_MEMO_KEY 96
#define DCV_MEMO_VALUE 96

typedef struct dcv_memo_slot
{
	uint32_t	hash;
	uint8_t		keylen;			/* 0: empty slot */
	uint8_t		valuelen;
	char		key[DCV_MEMO_KEY];
	char		value[DCV_MEMO_VALUE];
} dcv_memo_slot;

typedef struct dcv_memo
{
	dcv_memo_slot *slots;		/* nslots of them, a power of two */
	size_t		nslots;
} dcv_memo;

/* Copies the remembered value (NUL-terminated) to out; false on a miss. */
extern bool dcv_memo_get(const dcv_memo *m, const char *key, size_t keylen,
						 char *out, size_t *outlen);

/* Remembers a value; keys or values too long for a slot are not kept. */
extern void dcv_memo_put(dcv_memo *m, const char *key, size_t keylen,
						 const char *value, size_t valuelen);

/* Punycode (RFC 3492, section 5): its parameters, and the bias adaptation. */
#define DCV_PUNY_BASE 36
#define DCV_PUNY_TMIN 1
#define DCV_PUNY_TMAX 26
#define DCV_PUNY_SKEW 38
#define DCV_PUNY_DAMP 700
#define DCV_PUNY_INITIAL_BIAS 72
#define DCV_PUNY_INITIAL_N 128

extern uint32_t dcv_puny_adapt(uint32_t delta, uint32_t numpoints, bool firsttime);

/* FNV-1a: its offset basis and one step. */
#define DCV_FNV_BASIS 2166136261u

static inline uint32_t
dcv_fnv_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

static inline uint32_t
dcv_hash(const char *s, size_t len)
{
	uint32_t	h = DCV_FNV_BASIS;

	for (size_t i = 0; i < len; i++)
		h = dcv_fnv_step(h, (unsigned char) s[i]);
	return h;
}

#endif							/* DCV_UTIL_H */
