/*
 * fuzz_common.h
 *		Shared pieces of the libFuzzer harnesses of the core: a tracked arena
 *		allocator, property failures that abort with a message, and
 *		independent checkers of the shapes of normal forms.
 *
 * The checkers here restate doc/rules.md from scratch rather than calling into
 * src/core, so that a harness compares the core against a second reading of
 * the rules and not against itself.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include "dcv_core.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A property does not hold: print what and abort, so that libFuzzer keeps
 * the input and prints the stack.
 */
static inline void
fuzz_fail(const char *fmt,...)
	__attribute__((format(printf, 1, 2), noreturn));

static inline void
fuzz_fail(const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "\nPROPERTY VIOLATED: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}

#define FUZZ_CHECK(cond, ...) \
	do { if (!(cond)) fuzz_fail(__VA_ARGS__); } while (0)

/* Printable form of fuzz bytes for messages (truncated, static buffer). */
static inline const char *
fuzz_show(const char *s, size_t len)
{
	static char buf[4][600];
	static int	which;
	char	   *out = buf[which++ & 3];
	size_t		o = 0;

	if (s == NULL)
		return "(NULL)";
	out[o++] = '"';
	for (size_t i = 0; i < len && o < sizeof(buf[0]) - 8; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
			out[o++] = (char) c;
		else
			o += (size_t) snprintf(out + o, 5, "\\x%02X", c);
	}
	out[o++] = '"';
	out[o] = '\0';
	return out;
}

/* ---- a tracked arena: everything freed after each input ---- */

#include "../arena.h"

/* Counts the calls of the interrupt hook (the core must tolerate one). */
static unsigned long fuzz_interrupts;

static inline void
fuzz_interrupt(void)
{
	fuzz_interrupts++;
}

/* ---- shapes of normal forms ---- */

static inline bool
fuzz_is_ldh(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/*
 * Whether s is a host name in normal form: lowercase LDH labels of 1..63
 * octets, at most 253 octets, no hyphen first or last, "--" in the third
 * and fourth positions only in an "xn--" label, last label not all digits,
 * no trailing dot; a leading "*." (followed by a name) only when
 * allow_wildcard.  Sets *why on failure.
 */
static inline bool
fuzz_is_host(const char *s, bool allow_wildcard, const char **why)
{
	size_t		len = strlen(s);
	size_t		start = 0;
	size_t		last = 0;
	bool		digits = true;

	if (allow_wildcard && len >= 2 && s[0] == '*' && s[1] == '.')
	{
		s += 2;
		len -= 2;
	}
	if (len == 0)
		return *why = "empty name", false;
	if (len > DCV_DOMAIN_MAX)
		return *why = "longer than 253 octets", false;
	while (start <= len)
	{
		size_t		end = start;

		while (end < len && s[end] != '.')
			end++;
		if (end == start)
			return *why = "empty label", false;
		if (end - start > DCV_LABEL_MAX)
			return *why = "label longer than 63 octets", false;
		for (size_t i = start; i < end; i++)
			if (!fuzz_is_ldh((unsigned char) s[i]))
				return *why = "not lowercase LDH", false;
		if (s[start] == '-' || s[end - 1] == '-')
			return *why = "hyphen at the start or end of a label", false;
		if (end - start >= 4 && s[start + 2] == '-' && s[start + 3] == '-' &&
			strncmp(s + start, "xn", 2) != 0)
			return *why = "\"--\" in positions 3-4 of a label that is no A-label", false;
		last = start;
		start = end + 1;
	}
	for (size_t i = last; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			digits = false;
	if (digits)
		return *why = "last label all digits", false;
	return true;
}

/* RFC 5322 atext without "!" and "%", restated; lowercase only. */
static inline bool
fuzz_is_atext_lower(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
		return true;
	switch (c)
	{
		case '#':
		case '$':
		case '&':
		case '\'':
		case '*':
		case '+':
		case '-':
		case '/':
		case '=':
		case '?':
		case '^':
		case '_':
		case '`':
		case '{':
		case '|':
		case '}':
		case '~':
			return true;
		default:
			return false;
	}
}

/*
 * Whether s is an address in normal form: a lowercase dot-atom local part
 * of 1..64 octets, exactly one "@", a host name (no wildcard) of two labels
 * or more.
 */
static inline bool
fuzz_is_email(const char *s, const char **why)
{
	const char *at = strchr(s, '@');
	size_t		llen;

	if (at == NULL)
		return *why = "no \"@\"", false;
	if (strchr(at + 1, '@') != NULL)
		return *why = "more than one \"@\"", false;
	llen = (size_t) (at - s);
	if (llen == 0 || llen > DCV_LOCAL_MAX)
		return *why = "local part empty or longer than 64 octets", false;
	if (s[0] == '.' || s[llen - 1] == '.')
		return *why = "local part begins or ends with a dot", false;
	for (size_t i = 0; i < llen; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '.')
		{
			if (s[i + 1] == '.')
				return *why = "two dots in a row in the local part", false;
			continue;
		}
		if (!fuzz_is_atext_lower(c))
			return *why = "local part not lowercase dot-atom (or \"!\"/\"%\")", false;
	}
	if (!fuzz_is_host(at + 1, false, why))
		return false;
	if (strchr(at + 1, '.') == NULL)
		return *why = "domain of a single label", false;
	return true;
}

/* Whether suffix is s itself or a whole-label suffix of s. */
static inline bool
fuzz_is_label_suffix(const char *s, const char *suffix)
{
	size_t		n = strlen(s),
				k = strlen(suffix);

	if (k > n || strcmp(s + (n - k), suffix) != 0)
		return false;
	return k == n || s[n - k - 1] == '.';
}

/*
 * Builds the core's own Public Suffix List table at once (it would be built
 * after a few thousand lookups), so that even a run over the seed corpus
 * alone compares it with libpsl.  Without the table the fast path asks
 * libpsl, which is no error, but worth a note.
 */
static inline void
fuzz_init_psl_table(void)
{
	if (!dcv_psl_table_ready(true))
		fprintf(stderr, "note: the core's Public Suffix List table is not in use; "
				"base domains come from libpsl on both paths\n");
}

#endif							/* FUZZ_COMMON_H */
