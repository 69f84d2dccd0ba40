/*
 * idna_vectors.c
 *		Runs every vector of Unicode's UTS#46 conformance file IdnaTestV2.txt
 *		(test/data/IdnaTestV2-14.0.0.txt, or the file named as the argument)
 *		through dcv_normalize_domain and dcv_normalize_domain_slow.
 *
 * dcv's profile (doc/rules.md, Which UTS#46) is the file's: non-transitional,
 * UseSTD3ASCIIRules, CheckHyphens, CheckBidi, CheckJoiners, VerifyDnsLength,
 * so no status code of the file is ignored.  A vector whose toAsciiN status
 * is not empty must be refused.  A vector without one must give the file's
 * toAsciiN, lowercased and without one trailing dot, or be refused for a
 * reason the profile allows: a last label of digits only, a name left empty,
 * a code point UTS#46 calls valid that IDNA2008 disallows (the file's NV8 and
 * XV8; this edition of the file marks no line with them, so the code point
 * is asked of libidn2 alone).  Refusals that come from libidn2 being
 * stricter (CONTEXTO) or knowing fewer code points are counted apart.  Both
 * paths must agree on every vector.
 *
 * Prints counts per category, one line per failure with the line number of
 * the vector, and ends with "idna-vectors: N passed, N failed".
 */
#include "dcv_core.h"

#include <idn2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_BYTES 8192

enum outcome
{
	/* passed */
	ERROR_REFUSED,
	ERROR_REFUSED_LENGTH,
	VALID_SAME,
	VALID_DIGITS,
	VALID_EMPTY,
	VALID_NV8,
	VALID_CONTEXTO,
	VALID_UNKNOWN,
	/* failed */
	FAIL_ACCEPTED,
	FAIL_DIFFERENT,
	FAIL_REFUSED,
	FAIL_PATHS,
	N_OUTCOMES
};

#define FIRST_FAILURE FAIL_ACCEPTED

static const char *const outcome_name[N_OUTCOMES] = {
	"error expected, refused",
	"error expected (lengths or empty labels only: A4_1, A4_2, X4_2, P4), refused",
	"valid, same normal form",
	"valid, refused: last label of digits only",
	"valid, refused: name empty without its trailing dot",
	"valid, refused: a code point IDNA2008 disallows (NV8/XV8)",
	"valid, refused: libidn2 applies CONTEXTO (stricter, counted apart)",
	"valid, refused: a code point libidn2's tables do not know (counted apart)",
	"FAILED: error expected, accepted",
	"FAILED: valid, different normal form",
	"FAILED: valid, refused for no allowed reason",
	"FAILED: fast and slow paths differ",
};

static int	counts[N_OUTCOMES];

/* The code points found to be NV8/XV8, for the summary. */
static uint32_t nv8[64];
static int	n_nv8;

/* Trims spaces and tabs on both sides, in place. */
static char *
trim(char *s)
{
	char	   *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static size_t
put_utf8(char *out, uint32_t c)
{
	if (c < 0x80)
	{
		out[0] = (char) c;
		return 1;
	}
	if (c < 0x800)
	{
		out[0] = (char) (0xC0 | (c >> 6));
		out[1] = (char) (0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000)
	{
		out[0] = (char) (0xE0 | (c >> 12));
		out[1] = (char) (0x80 | ((c >> 6) & 0x3F));
		out[2] = (char) (0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char) (0xF0 | (c >> 18));
	out[1] = (char) (0x80 | ((c >> 12) & 0x3F));
	out[2] = (char) (0x80 | ((c >> 6) & 0x3F));
	out[3] = (char) (0x80 | (c & 0x3F));
	return 4;
}

/* The header's escapes, \uXXXX and \x{X...}, into UTF-8 (in place). */
static void
unescape(char *s)
{
	char	   *o = s;

	while (*s)
	{
		char	   *end = NULL;
		unsigned long c = 0;

		if (s[0] == '\\' && s[1] == 'u')
		{
			char		hex[5] = {0};

			memcpy(hex, s + 2, 4);
			c = strtoul(hex, &end, 16);
			if (end == hex + 4)
			{
				o += put_utf8(o, (uint32_t) c);
				s += 6;
				continue;
			}
		}
		else if (s[0] == '\\' && s[1] == 'x' && s[2] == '{')
		{
			c = strtoul(s + 3, &end, 16);
			if (end > s + 3 && *end == '}')
			{
				o += put_utf8(o, (uint32_t) c);
				s = end + 1;
				continue;
			}
		}
		*o++ = *s++;
	}
	*o = '\0';
}

/* Next code point of valid UTF-8 at *s, advancing *s. */
static uint32_t
next_cp(const char **s)
{
	const unsigned char *p = (const unsigned char *) *s;
	uint32_t	c = p[0];
	int			n = 0;

	if (c >= 0xF0)
		c &= 0x07, n = 3;
	else if (c >= 0xE0)
		c &= 0x0F, n = 2;
	else if (c >= 0xC0)
		c &= 0x1F, n = 1;
	for (int i = 1; i <= n && p[i]; i++)
		c = (c << 6) | (p[i] & 0x3F);
	*s += 1 + n;
	return c;
}

/* What libidn2 says of the code point alone (after "x" for a mark). */
static int
idn2_alone(uint32_t c)
{
	char		buf[16];
	char	   *res = NULL;
	int			rc;
	size_t		n = put_utf8(buf, c);

	buf[n] = '\0';
	rc = idn2_to_ascii_8z(buf, &res, IDN2_NONTRANSITIONAL);
	free(res);
	if (rc == IDN2_LEADING_COMBINING)
	{
		buf[0] = 'x';
		n = put_utf8(buf + 1, c);
		buf[n + 1] = '\0';
		res = NULL;
		rc = idn2_to_ascii_8z(buf, &res, IDN2_NONTRANSITIONAL);
		free(res);
	}
	return rc;
}

/* The first code point of s with the libidn2 status rc on its own, or 0. */
static uint32_t
cp_with(const char *s, int rc)
{
	while (*s)
	{
		uint32_t	c = next_cp(&s);

		if (c >= 0x80 && idn2_alone(c) == rc)
			return c;
	}
	return 0;
}

static void
note_nv8(uint32_t c)
{
	for (int i = 0; i < n_nv8; i++)
		if (nv8[i] == c)
			return;
	if (n_nv8 < 64)
		nv8[n_nv8++] = c;
}

/*
 * Why a vector the file calls valid may be refused, or FAIL_REFUSED; the
 * reason must also be the one dcv gives (detail).
 */
static enum outcome
refusal_reason(const char *source, const char *unicode, const char *want,
			   const char *detail)
{
	const char *last = strrchr(want, '.');
	bool		digits = true;
	uint32_t	c;
	char		buf[LINE_MAX_BYTES];
	char	   *res = NULL;
	int			rc;

	if (want[0] == '\0')
		return VALID_EMPTY;
	last = last ? last + 1 : want;
	for (const char *p = last; *p; p++)
		digits &= *p >= '0' && *p <= '9';
	if (digits)
		return strstr(detail, "all digits") ? VALID_DIGITS : FAIL_REFUSED;
	if ((c = cp_with(unicode, IDN2_DISALLOWED)) != 0 &&
		strstr(detail, "contains a disallowed character"))
	{
		note_nv8(c);
		return VALID_NV8;
	}
	if (cp_with(unicode, IDN2_UNASSIGNED) != 0)
		return VALID_UNKNOWN;
	snprintf(buf, sizeof(buf), "%s", source);
	for (char *p = buf; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	rc = idn2_to_ascii_8z(buf, &res, IDN2_NONTRANSITIONAL);
	free(res);
	if (rc == IDN2_CONTEXTO || rc == IDN2_CONTEXTO_NO_RULE)
		return VALID_CONTEXTO;
	return FAIL_REFUSED;
}

/* One vector: source, expected toAsciiN (or NULL when an error is expected). */
static enum outcome
run_vector(const char *source, const char *unicode, const char *ascii, char *got,
		   size_t gotsize)
{
	char		o1[DCV_DOMAIN_BUF],
				o2[DCV_DOMAIN_BUF],
				want[LINE_MAX_BYTES];
	bool		w1,
				w2;
	dcv_error	e1,
				e2;
	size_t		n;
	dcv_status	s1 = dcv_normalize_domain(source, strlen(source), false, o1, &w1, &e1);
	dcv_status	s2 = dcv_normalize_domain_slow(source, strlen(source), false, o2, &w2, &e2);

	snprintf(got, gotsize, "fast %s, slow %s", s1 == DCV_OK ? o1 : e1.detail,
			 s2 == DCV_OK ? o2 : e2.detail);
	if (s1 != s2 || (s1 == DCV_OK && strcmp(o1, o2) != 0))
		return FAIL_PATHS;
	if (ascii == NULL)
		return s1 == DCV_OK ? FAIL_ACCEPTED : ERROR_REFUSED;

	snprintf(want, sizeof(want), "%s", ascii);
	for (char *p = want; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	n = strlen(want);
	if (n > 0 && want[n - 1] == '.')
		want[n - 1] = '\0';
	if (s1 == DCV_OK)
		return strcmp(o1, want) == 0 ? VALID_SAME : FAIL_DIFFERENT;
	return refusal_reason(source, unicode, want, e1.detail);
}

/*
 * Whether a status holds only codes of VerifyDnsLength and empty labels,
 * which dcv's own length and empty-label checks cover.
 */
static bool
length_codes_only(const char *status)
{
	char		buf[256];

	snprintf(buf, sizeof(buf), "%s", status);
	for (char *t = strtok(buf, "[], "); t; t = strtok(NULL, "[], "))
		if (strcmp(t, "A4_1") != 0 && strcmp(t, "A4_2") != 0 &&
			strcmp(t, "X4_2") != 0 && strcmp(t, "P4") != 0)
			return false;
	return true;
}

/*
 * Splits a line into its seven columns (the last one before the comment)
 * and runs it; returns -1 for a line that holds no vector.
 */
static int
parse_and_run(char *line, long lineno, bool verbose)
{
	char	   *col[7];
	char	   *p = line;
	char		got[DCV_DETAIL_BUF * 3];
	const char *unicode,
			   *ascii,
			   *status;
	enum outcome r;

	if (line[0] == '#' || trim(line)[0] == '\0')
		return -1;
	for (int i = 0; i < 7; i++)
	{
		char	   *semi = strchr(p, ';');

		col[i] = p;
		if (semi == NULL && i < 6)
			return -1;
		if (semi)
			*semi = '\0', p = semi + 1;
	}
	if ((p = strchr(col[6], '#')) != NULL)
		*p = '\0';
	for (int i = 0; i < 7; i++)
		unescape(col[i] = trim(col[i]));

	/* blank columns: see the file's header */
	unicode = col[1][0] ? col[1] : col[0];
	ascii = col[3][0] ? col[3] : unicode;
	status = col[4][0] ? col[4] : col[2];
	r = run_vector(col[0], unicode, (status[0] && strcmp(status, "[]") != 0) ? NULL : ascii,
				   got, sizeof(got));
	if (r == ERROR_REFUSED && length_codes_only(status))
		r = ERROR_REFUSED_LENGTH;
	counts[r]++;
	if (r >= FIRST_FAILURE || verbose)
		printf("%s line %ld: \"%s\" (toAsciiN \"%s\" %s): %s\n",
			   outcome_name[r], lineno, col[0], ascii, status[0] ? status : "[]", got);
	return (int) r;
}

int
main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "test/data/IdnaTestV2-14.0.0.txt";
	bool		verbose = getenv("IDNA_VERBOSE") != NULL;
	FILE	   *f = fopen(path, "r");
	char		line[LINE_MAX_BYTES];
	long		lineno = 0;
	int			passed = 0,
				failed = 0;

	if (f == NULL)
	{
		perror(path);
		printf("idna-vectors: 0 passed, 1 failed\n");
		return 1;
	}
	while (fgets(line, sizeof(line), f))
		parse_and_run(line, ++lineno, verbose);
	fclose(f);

	for (int r = 0; r < N_OUTCOMES; r++)
	{
		printf("  %5d  %s\n", counts[r], outcome_name[r]);
		if (r < FIRST_FAILURE)
			passed += counts[r];
		else
			failed += counts[r];
	}
	if (n_nv8 > 0)
	{
		printf("  NV8/XV8 code points (IDNA2008 disallows them, libidn2 alone says so):");
		for (int i = 0; i < n_nv8; i++)
			printf(" U+%04X", (unsigned) nv8[i]);
		printf("\n");
	}
	if (passed + failed < 6000)
	{
		printf("only %d vectors read from %s\n", passed + failed, path);
		failed++;
	}
	printf("idna-vectors: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
