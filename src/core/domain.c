/*
 * domain.c
 *		Normal form of a domain name: UTS#46 non-transitional, through
 *		libidn2, with a fast path for ASCII and fullwidth ASCII and one for
 *		Japanese labels (labels.c), then the checks libidn2 does not make
 *		(LDH, lengths, hyphens, here; STD3 and Bidi, uts46.c).
 */
#include "dcv_core.h"
#include "util.h"

#include <idn2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How often domain names went to libidn2 (for tests of the fast paths). */
unsigned long dcv_idn2_count;

unsigned long
dcv_idn2_calls(void)
{
	return dcv_idn2_count;
}

/*
 * UTS#46 maps U+FF01..U+FF5E (fullwidth ASCII) to ASCII and U+3002,
 * U+FF0E, U+FF61 to ".".  When nothing else outside ASCII occurs and no label
 * is an A-label, the mapping is folding these and lowercasing: no need for
 * libidn2.  Returns false when the input needs the library.
 */
bool
dcv_fold_fast(const unsigned char *in, size_t len, char *out, size_t *outlen)
{
	size_t		i = 0,
				o = 0;

	while (i < len)
	{
		unsigned char c = in[i];

		if (c < 0x80)
		{
			out[o++] = dcv_lower(c);
			i++;
		}
		else if (c == 0xEF && i + 2 < len &&
				 ((in[i + 1] == 0xBC && in[i + 2] >= 0x81 && in[i + 2] <= 0xBF) ||
				  (in[i + 1] == 0xBD && in[i + 2] >= 0x80 && in[i + 2] <= 0x9E)))
		{
			/* U+FF01..U+FF5E -> U+0021..U+007E */
			unsigned	cp = ((in[i + 1] & 0x3F) << 6 | (in[i + 2] & 0x3F)) + 0xF000;

			out[o++] = dcv_lower((unsigned char) (cp - 0xFF01 + 0x21));
			i += 3;
		}
		else if (c == 0xEF && i + 2 < len && in[i + 1] == 0xBD && in[i + 2] == 0xA1)
		{
			out[o++] = '.';		/* U+FF61 halfwidth ideographic full stop */
			i += 3;
		}
		else if (c == 0xE3 && i + 2 < len && in[i + 1] == 0x80 && in[i + 2] == 0x82)
		{
			out[o++] = '.';		/* U+3002 ideographic full stop */
			i += 3;
		}
		else
			return false;
	}
	out[o] = '\0';
	*outlen = o;
	return true;
}

static bool
has_alabel(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		if (len - i >= 4 && memcmp(s + i, "xn--", 4) == 0)
			return true;
		while (i < len && s[i] != '.')
			i++;
		i++;
	}
	return false;
}

/*
 * libidn2 refused the name: name the A-label at fault when there is one,
 * else give the library's reason.
 */
static dcv_status
idn2_failure(const char *buf, size_t len, int rc, dcv_error *err)
{
	size_t		i = 0;

	while (i < len)
	{
		size_t		end = i;

		while (end < len && buf[end] != '.')
			end++;
		if (end - i >= 4 && end - i <= DCV_LABEL_MAX && memcmp(buf + i, "xn--", 4) == 0)
		{
			char		label[DCV_LABEL_MAX + 1],
						converted[DCV_DOMAIN_BUF];
			size_t		n;
			int			lrc;

			memcpy(label, buf + i, end - i);
			label[end - i] = '\0';
			lrc = dcv_idn2_ascii(label, converted, sizeof(converted), &n);
			if (lrc != IDN2_OK && lrc != -1)
			{
				char		q[DCV_LABEL_MAX * 4 + 8];

				dcv_quote(q, sizeof(q), label, end - i);
				return dcv_fail(err, DCV_ERR_DOMAIN, "label %s is not a valid A-label: %s",
								q, idn2_strerror(lrc));
			}
		}
		i = end + 1;
	}
	return dcv_fail(err, DCV_ERR_DOMAIN, "UTS#46 processing failed: %s", idn2_strerror(rc));
}

/*
 * UTS#46 mapping and conversion to A-labels by libidn2, into out (at most
 * outsize - 1 bytes).  The input is ASCII-lowercased first (mapping commutes
 * with that).
 */
static dcv_status
map_with_idn2(const char *in, size_t len, char *out, size_t outsize,
			  size_t *outlen, dcv_error *err)
{
	char		buf[DCV_INPUT_MAX + 1];
	int			rc;
	size_t		n;

	for (size_t i = 0; i < len; i++)
		buf[i] = dcv_lower((unsigned char) in[i]);
	buf[len] = '\0';

	dcv_idn2_count++;
	/* libidn2 leaves ASCII labels as they are: the helper lowercases them. */
	rc = dcv_idn2_ascii(buf, out, outsize, &n);
	if (rc == -1)
		return dcv_fail(err, DCV_ERR_DOMAIN,
						"the name is %zu octets long in A-label form; at most %d are allowed",
						n, DCV_DOMAIN_MAX);
	if (rc != IDN2_OK)
		return idn2_failure(buf, len, rc, err);
	*outlen = n;
	return DCV_OK;
}

/*
 * The checks on a mapped name that libidn2 does not make on ASCII labels:
 * LDH, label and name lengths, hyphens, the wildcard, the numeric last label.
 * s is ASCII, len bytes; writes the normal form to out.
 */
/* The error of a label: "label \"l\" " and what is wrong with it. */
static dcv_status
label_fail(dcv_error *err, const char *l, size_t llen, const char *what)
{
	char		q[DCV_LABEL_MAX * 4 + 8];

	dcv_quote(q, sizeof(q), l, llen);
	return dcv_fail(err, DCV_ERR_DOMAIN, "label %s %s", q, what);
}

/* The checks of one LDH label l (llen octets, at most DCV_LABEL_MAX). */
static dcv_status
check_ldh_label(const char *l, size_t llen, dcv_error *err)
{
	for (size_t i = 0; i < llen; i++)
	{
		unsigned char c = (unsigned char) l[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
		{
			char		cq[16],
						what[96];

			if (c == '*')
				return dcv_fail(err, DCV_ERR_DOMAIN,
								"\"*\" is allowed only as the whole first label");
			dcv_quote(cq, sizeof(cq), l + i, 1);
			snprintf(what, sizeof(what),
					 "contains %s; only letters, digits and hyphens are allowed", cq);
			return label_fail(err, l, llen, what);
		}
	}
	if (l[0] == '-')
		return label_fail(err, l, llen, "begins with a hyphen");
	if (l[llen - 1] == '-')
		return label_fail(err, l, llen, "ends with a hyphen");
	if (llen >= 4 && l[2] == '-' && l[3] == '-' && !(l[0] == 'x' && l[1] == 'n'))
		return label_fail(err, l, llen,
						  "has \"--\" in the third and fourth positions, which IDNA2008 reserves");
	return DCV_OK;
}

/* Whether the label at s (len octets) is of digits only. */
static bool
all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static dcv_status
check_mapped(const char *s, size_t len, bool allow_wildcard, char *out,
			 bool *wildcard, dcv_error *err)
{
	size_t		start = 0;
	size_t		last_start = 0;
	bool		wc = false;
	dcv_status	st;

	if (len > 0 && s[len - 1] == '.')
		len--;
	if (len == 0)
		return dcv_fail(err, DCV_ERR_DOMAIN, "the name is empty");
	if (len > DCV_DOMAIN_MAX)
		return dcv_fail(err, DCV_ERR_DOMAIN,
						"the name is %zu octets long; at most %d are allowed",
						len, DCV_DOMAIN_MAX);

	while (start <= len)
	{
		size_t		end = start;
		size_t		llen;

		while (end < len && s[end] != '.')
			end++;
		llen = end - start;
		if (llen == 0)
			return dcv_fail(err, DCV_ERR_DOMAIN, "the name has an empty label");
		if (llen > DCV_LABEL_MAX)
		{
			char		q[DCV_LABEL_MAX * 4 + 8];

			dcv_quote(q, sizeof(q), s + start, 64);
			return dcv_fail(err, DCV_ERR_DOMAIN,
							"label %s... is %zu octets long; at most %d are allowed",
							q, llen, DCV_LABEL_MAX);
		}
		if (llen == 1 && s[start] == '*' && start == 0)
		{
			if (!allow_wildcard)
				return dcv_fail(err, DCV_ERR_DOMAIN, "a wildcard is not allowed here");
			if (end == len)
				return dcv_fail(err, DCV_ERR_DOMAIN,
								"a wildcard needs a domain name after \"*.\"");
			wc = true;
		}
		else if ((st = check_ldh_label(s + start, llen, err)) != DCV_OK)
			return st;
		last_start = start;
		start = end + 1;
	}
	if (all_digits(s + last_start, len - last_start))
		return dcv_fail(err, DCV_ERR_DOMAIN,
						"the last label is all digits, so the name reads as an IPv4 address");

	memcpy(out, s, len);
	out[len] = '\0';
	*wildcard = wc;
	return DCV_OK;
}

static dcv_status
precheck(const char *in, size_t len, dcv_error *err)
{
	if (len > DCV_INPUT_MAX)
		return dcv_fail(err, DCV_ERR_DOMAIN,
						"the input is %zu bytes long; at most %d are accepted",
						len, DCV_INPUT_MAX);
	return dcv_check_utf8(in, len, DCV_ERR_DOMAIN, err);
}

/*
 * The common case in one pass: an ASCII name of letters, digits, hyphens and
 * dots that passes every check of check_mapped (and holds no A-label), which
 * UTS#46 only lowercases.  Anything else returns false and takes the general
 * path, which also words the errors.
 */
static bool
ascii_name(const char *in, size_t len, bool allow_wildcard, char *out, bool *wildcard)
{
	size_t		n = len,
				start = 0,
				o = 0;
	bool		digits = true;

	*wildcard = false;
	if (n > 0 && in[n - 1] == '.')
		n--;
	if (n >= 2 && in[0] == '*' && in[1] == '.')
	{
		if (!allow_wildcard || n == 2)
			return false;
		out[0] = '*';
		out[1] = '.';
		start = o = 2;
		*wildcard = true;
	}
	if (n == 0 || n > DCV_DOMAIN_MAX)
		return false;
	for (size_t i = start;; i++)
	{
		if (i == n || in[i] == '.')
		{
			size_t		ll = i - start;

			if (ll == 0 || ll > DCV_LABEL_MAX || out[start] == '-' || out[i - 1] == '-' ||
				(ll >= 4 && out[start + 2] == '-' && out[start + 3] == '-'))
				return false;
			if (i == n)
				break;
			out[o++] = '.';
			start = i + 1;
			digits = true;
			continue;
		}
		else
		{
			unsigned char c = (unsigned char) in[i];

			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
				return false;
			digits &= c >= '0' && c <= '9';
			out[o++] = (char) c;
		}
	}
	if (digits)
		return false;			/* an IPv4 address, or like one */
	out[o] = '\0';
	return true;
}

static dcv_status
normalize(const char *in, size_t len, bool allow_wildcard, char *out,
		  bool *wildcard, bool fast, dcv_error *err)
{
	char		buf[DCV_INPUT_MAX + 1];
	char		labels[DCV_INPUT_MAX + 1];
	size_t		n;
	dcv_status	st;

	if ((st = precheck(in, len, err)) != DCV_OK)
		return st;

	/* no A-label there (ascii_name refuses "--" as 3rd and 4th): nothing for dcv_uts46_check */
	if (fast && ascii_name(in, len, allow_wildcard, out, wildcard))
		return DCV_OK;
	if (fast && dcv_fold_fast((const unsigned char *) in, len, buf, &n))
	{
		/* A-labels still need libidn2's validation. */
		if (has_alabel(buf, n))
		{
			if (dcv_map_by_label(in, len, labels, sizeof(labels), &n))
				memcpy(buf, labels, n + 1);
			else if ((st = map_with_idn2(buf, n, buf, sizeof(buf), &n, err)) != DCV_OK)
				return st;
		}
	}
	else if (fast && dcv_map_by_label(in, len, labels, sizeof(labels), &n))
		memcpy(buf, labels, n + 1);
	else if ((st = map_with_idn2(in, len, buf, sizeof(buf), &n, err)) != DCV_OK)
		return st;

	if ((st = check_mapped(buf, n, allow_wildcard, out, wildcard, err)) != DCV_OK)
		return st;
	/* on the output, so that no path (and no memoized label) skips it */
	return dcv_uts46_check(out, strlen(out), err);
}

dcv_status
dcv_normalize_domain(const char *in, size_t len, bool allow_wildcard,
					 char *out, bool *wildcard, dcv_error *err)
{
	return normalize(in, len, allow_wildcard, out, wildcard, true, err);
}

dcv_status
dcv_normalize_domain_slow(const char *in, size_t len, bool allow_wildcard,
						  char *out, bool *wildcard, dcv_error *err)
{
	return normalize(in, len, allow_wildcard, out, wildcard, false, err);
}
