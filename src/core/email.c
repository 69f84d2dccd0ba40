/*
 * email.c
 *		Normal form of an e-mail address: a dot-atom local part of printable
 *		ASCII (without "!" and "%", not beginning with "-"), one "@", a host
 *		name of two labels or more; all lowercase (doc/rules.md, "Normal form
 *		of an e-mail address").
 */
#include "dcv_core.h"
#include "util.h"

#include <stdint.h>
#include <string.h>

/*
 * Length of the Unicode White_Space character (UTF-8) that starts at s, or 0:
 * U+0009..U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000.  WHOIS output and Japanese input carry
 * NBSP and the ideographic space around addresses.
 */
static size_t
space_at(const unsigned char *s, size_t left)
{
	if (left >= 1 && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r')))
		return 1;
	if (left >= 2 && s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0))
		return 2;
	if (left < 3)
		return 0;
	if ((s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80) ||
		(s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF)) ||
		(s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) ||
		(s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80))
		return 3;
	return 0;
}

/* Length of the White_Space character that ends s (len bytes), or 0. */
static size_t
space_before(const unsigned char *s, size_t len)
{
	for (size_t n = 1; n <= 3 && n <= len; n++)
		if (space_at(s + len - n, n) == n)
			return n;
	return 0;
}

/* Classes of bytes in an address. */
#define C_ATEXT		1			/* RFC 5322 atext, less "!" and "%" */
#define C_REFUSED	2			/* < > " ( ): forms refused outright */
#define C_AT		4

static unsigned char byte_class[256];

static void
init_classes(void)
{
	static const char *const extra = "#$&'*+-/=?^_`{|}~";

	for (int c = 'a'; c <= 'z'; c++)
		byte_class[c] = byte_class[c - 'a' + 'A'] = C_ATEXT;
	for (int c = '0'; c <= '9'; c++)
		byte_class[c] = C_ATEXT;
	for (const char *p = extra; *p; p++)
		byte_class[(unsigned char) *p] = C_ATEXT;
	for (const char *p = "<>\"()"; *p; p++)
		byte_class[(unsigned char) *p] = C_REFUSED;
	byte_class['@'] = C_AT;
}

static inline bool
is_atext(unsigned char c)
{
	return byte_class[c] & C_ATEXT;
}

/* U+FF20 FULLWIDTH COMMERCIAL AT, which is not an "@". */
static bool
has_fullwidth_at(const char *s, size_t len)
{
	for (size_t i = 0; i + 2 < len; i++)
		if (s[i] == '\xEF' && s[i + 1] == '\xBC' && s[i + 2] == '\xA0')
			return true;
	return false;
}

static dcv_status
check_local(const char *l, size_t n, dcv_error *err)
{
	if (n == 0)
		return dcv_fail(err, DCV_ERR_EMAIL, "the local part is empty");
	if (l[0] == '-')
		return dcv_fail(err, DCV_ERR_EMAIL,
						"the local part begins with \"-\", which sendmail-style mailers read as a command-line option");
	for (size_t i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) l[i];
		char		q[16];

		if (is_atext(c))
			continue;
		if (c == '.')
		{
			if (i == 0)
				return dcv_fail(err, DCV_ERR_EMAIL, "the local part begins with a dot");
			if (i == n - 1)
				return dcv_fail(err, DCV_ERR_EMAIL, "the local part ends with a dot");
			if (l[i + 1] == '.')
				return dcv_fail(err, DCV_ERR_EMAIL, "the local part has two dots in a row");
			continue;
		}
		if (c >= 0x80)
			return dcv_fail(err, DCV_ERR_EMAIL,
							"the local part contains a character outside ASCII");
		if (c == '%' || c == '!')
			return dcv_fail(err, DCV_ERR_EMAIL,
							"the local part contains \"%c\", which mail relays may read as a route to another host",
							c);
		if (c < 0x20 || c == 0x7F || c == ' ')
			return dcv_fail(err, DCV_ERR_EMAIL,
							"the local part contains white space or a control character");
		dcv_quote(q, sizeof(q), l + i, 1);
		return dcv_fail(err, DCV_ERR_EMAIL,
						"the local part contains %s, which a dot-atom does not allow", q);
	}
	if (n > DCV_LOCAL_MAX)
		return dcv_fail(err, DCV_ERR_EMAIL,
						"the local part is %zu octets long; at most %d are allowed",
						n, DCV_LOCAL_MAX);
	return DCV_OK;
}

/*
 * The one ASCII "@" of a trimmed address, or an error naming the forms of
 * RFC 5322 that are refused outright.
 */
static dcv_status
find_at(const char *in, size_t len, const char **at, dcv_error *err)
{
	size_t		nat = 0;
	unsigned char seen = 0;

	*at = NULL;
	for (size_t i = 0; i < len; i++)
	{
		unsigned char k = byte_class[(unsigned char) in[i]];

		seen |= k;
		if (k & C_AT)
		{
			if (*at == NULL)
				*at = in + i;
			nat++;
		}
	}
	if (seen & C_REFUSED)
	{
		if (memchr(in, '<', len) || memchr(in, '>', len))
			return dcv_fail(err, DCV_ERR_EMAIL,
							"angle brackets and display names are not accepted; give the bare address");
		if (memchr(in, '"', len))
			return dcv_fail(err, DCV_ERR_EMAIL, "quoted strings are not accepted");
		return dcv_fail(err, DCV_ERR_EMAIL, "comments are not accepted");
	}
	if (nat == 0)
	{
		if (has_fullwidth_at(in, len))
			return dcv_fail(err, DCV_ERR_EMAIL,
							"there is no \"@\" (U+FF20 FULLWIDTH COMMERCIAL AT is not one)");
		return dcv_fail(err, DCV_ERR_EMAIL, "there is no \"@\"");
	}
	if (nat > 1)
		return dcv_fail(err, DCV_ERR_EMAIL, "there is more than one \"@\"");
	return DCV_OK;
}

/* The domain part d (dlen octets) as a host name of two labels or more. */
static dcv_status
check_domain_part(const char *d, size_t dlen, char *dom, dcv_error *err)
{
	bool		wc;

	if (dlen == 0)
		return dcv_fail(err, DCV_ERR_EMAIL, "the domain part is empty");
	if (d[0] == '[')
		return dcv_fail(err, DCV_ERR_EMAIL, "address literals such as [192.0.2.1] are not accepted");
	if (dcv_normalize_domain(d, dlen, false, dom, &wc, err) != DCV_OK)
	{
		char		detail[DCV_DETAIL_BUF];

		if (err == NULL)
			return DCV_ERR_EMAIL;
		memcpy(detail, err->detail, sizeof(detail));
		return dcv_fail(err, DCV_ERR_EMAIL, "the domain part is not a valid host name: %s", detail);
	}
	if (strchr(dom, '.') == NULL)
		return dcv_fail(err, DCV_ERR_EMAIL,
						"the domain part \"%s\" has a single label; a host name of two labels or more is required",
						dom);
	return DCV_OK;
}

static dcv_status
normalize(const char *in, size_t len, bool trim, char *out, size_t *outlen,
		  dcv_error *err)
{
	const char *at;
	size_t		llen,
				dlen;
	char		dom[DCV_DOMAIN_BUF];
	dcv_status	st;

	if (byte_class['a'] == 0)
		init_classes();
	if (len > DCV_INPUT_MAX)
		return dcv_fail(err, DCV_ERR_EMAIL,
						"the input is %zu bytes long; at most %d are accepted",
						len, DCV_INPUT_MAX);
	if ((st = dcv_check_utf8(in, len, DCV_ERR_EMAIL, err)) != DCV_OK)
		return st;

	if (!trim && len > 0 &&
		(space_at((const unsigned char *) in, len) > 0 ||
		 space_before((const unsigned char *) in, len) > 0))
		return dcv_fail(err, DCV_ERR_EMAIL,
						"the value has white space around the address, and no padding is allowed");
	for (size_t n; (n = space_at((const unsigned char *) in, len)) > 0;)
		in += n, len -= n;
	for (size_t n; (n = space_before((const unsigned char *) in, len)) > 0;)
		len -= n;
	if (len == 0)
		return dcv_fail(err, DCV_ERR_EMAIL, "the address is empty");

	if ((st = find_at(in, len, &at, err)) != DCV_OK)
		return st;
	llen = (size_t) (at - in);
	if ((st = check_local(in, llen, err)) != DCV_OK ||
		(st = check_domain_part(at + 1, len - llen - 1, dom, err)) != DCV_OK)
		return st;

	for (size_t i = 0; i < llen; i++)
		out[i] = dcv_lower((unsigned char) in[i]);
	out[llen] = '@';
	dlen = strlen(dom);
	memcpy(out + llen + 1, dom, dlen + 1);
	*outlen = llen + 1 + dlen;
	return DCV_OK;
}

dcv_status
dcv_normalize_email(const char *in, size_t len, char *out, size_t *outlen,
					dcv_error *err)
{
	return normalize(in, len, true, out, outlen, err);
}

/* A value published in DNS is the address and nothing else: no trimming. */
dcv_status
dcv_normalize_email_exact(const char *in, size_t len, char *out, size_t *outlen,
						  dcv_error *err)
{
	return normalize(in, len, false, out, outlen, err);
}
