/*
 * fuzz_email.c
 *		libFuzzer harness: normal form of an e-mail address.
 *
 * The whole input is one address as a WHOIS record or a customer might give
 * it.  Properties checked (abort on violation):
 *	- an output is a normal-form address: lowercase dot-atom local part of
 *	  1..64 octets without "!" or "%" and not beginning with "-", exactly one "@", a host name of two
 *	  labels or more without a wildcard; *outlen is its length;
 *	- the normal form is idempotent;
 *	- it is the input's own address: after trimming Unicode White_Space the input
 *	  has exactly one ASCII "@", the output's local part is the input's
 *	  lowercased byte for byte, and its domain is what dcv_normalize_domain
 *	  (and dcv_normalize_domain_slow) make of the input's domain part;
 *	- a failure is DCV_ERR_EMAIL with a detail, and an input refused by
 *	  both domain paths or holding "!"/"%" before the "@" always fails;
 *	- the answer is the same without an error struct (err NULL), and the
 *	  same on a second call.
 */
#include "fuzz_common.h"

/* Unicode White_Space (PropList.txt), as code points. */
static bool
is_white_space(uint32_t c)
{
	static const uint32_t ws[] = {0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};

	if ((c >= 0x09 && c <= 0x0D) || c == 0x20 || (c >= 0x2000 && c <= 0x200A))
		return true;
	for (size_t i = 0; i < sizeof(ws) / sizeof(ws[0]); i++)
		if (c == ws[i])
			return true;
	return false;
}

/*
 * The code point of the UTF-8 sequence at s (left bytes), its length in *n;
 * for a byte that starts no well-formed sequence, *n is 0.
 */
static uint32_t
utf8_at(const unsigned char *s, size_t left, size_t *n)
{
	size_t		len = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 :
		(s[0] & 0xF8) == 0xF0 ? 4 : 0;
	uint32_t	c = len == 1 ? s[0] : len == 2 ? s[0] & 0x1F : len == 3 ? s[0] & 0x0F : s[0] & 0x07;

	*n = 0;
	if (len == 0 || len > left)
		return 0;
	for (size_t i = 1; i < len; i++)
	{
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	*n = len;
	return c;
}

/* Length of the White_Space character that ends s, or 0. */
static size_t
white_space_before(const unsigned char *s, size_t len)
{
	for (size_t k = 1; k <= 4 && k <= len; k++)
	{
		size_t		n;
		uint32_t	c = utf8_at(s + len - k, k, &n);

		if (n == k)
			return is_white_space(c) ? k : 0;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *) data;
	char		out[DCV_EMAIL_BUF],
				again[DCV_EMAIL_BUF];
	size_t		outlen = 0,
				againlen = 0;
	dcv_error	err;
	dcv_status	st;
	const char *why = NULL;
	const char *t = in;
	size_t		tlen = size;
	const char *at;

	memset(out, 0, sizeof(out));
	st = dcv_normalize_email(in, size, out, &outlen, &err);

	/* the input trimmed as doc/rules.md says, for the cross-checks */
	for (;;)
	{
		size_t		n;
		uint32_t	c = tlen > 0 ? utf8_at((const unsigned char *) t, tlen, &n) : 0;

		if (tlen == 0 || n == 0 || !is_white_space(c))
			break;
		t += n, tlen -= n;
	}
	for (size_t n; (n = white_space_before((const unsigned char *) t, tlen)) > 0;)
		tlen -= n;
	at = memchr(t, '@', tlen);

	/* the same answer when the caller wants no error detail */
	{
		char		quiet[DCV_EMAIL_BUF];
		size_t		quietlen = 0;
		dcv_status	sq = dcv_normalize_email(in, size, quiet, &quietlen, NULL);

		FUZZ_CHECK(sq == st && (st != DCV_OK ||
								(quietlen == outlen && memcmp(quiet, out, outlen + 1) == 0)),
				   "%s: status %d / \"%s\" with an error struct, %d / \"%s\" without",
				   fuzz_show(in, size), st, st == DCV_OK ? out : "",
				   sq, sq == DCV_OK ? quiet : "");
	}

	if (st != DCV_OK)
	{
		FUZZ_CHECK(st == DCV_ERR_EMAIL, "%s fails with status %d, not DCV_ERR_EMAIL",
				   fuzz_show(in, size), st);
		FUZZ_CHECK(memchr(err.detail, '\0', sizeof(err.detail)) != NULL &&
				   err.detail[0] != '\0',
				   "%s fails without a detail", fuzz_show(in, size));
		return 0;
	}

	FUZZ_CHECK(fuzz_is_email(out, &why), "normal form \"%s\" of %s is not an address: %s",
			   out, fuzz_show(in, size), why);
	FUZZ_CHECK(outlen == strlen(out), "length %zu given for \"%s\"", outlen, out);
	FUZZ_CHECK(size <= DCV_INPUT_MAX, "an input of %zu bytes was accepted", size);

	/* idempotent */
	st = dcv_normalize_email(out, outlen, again, &againlen, &err);
	FUZZ_CHECK(st == DCV_OK && strcmp(again, out) == 0 && againlen == outlen,
			   "not idempotent: %s -> \"%s\" -> %s", fuzz_show(in, size), out,
			   st == DCV_OK ? again : err.detail);

	/* the output is the input's own address */
	FUZZ_CHECK(at != NULL && memchr(at + 1, '@', tlen - (size_t) (at - t) - 1) == NULL,
			   "%s accepted without exactly one ASCII \"@\"", fuzz_show(in, size));
	{
		size_t		llen = (size_t) (at - t);
		const char *oat = strchr(out, '@');
		char		dom[DCV_DOMAIN_BUF],
					dom_slow[DCV_DOMAIN_BUF];
		bool		wc;
		dcv_error	e;
		dcv_status	sd,
					sds;

		FUZZ_CHECK((size_t) (oat - out) == llen,
				   "local part of %s changed length in \"%s\"", fuzz_show(in, size), out);
		for (size_t i = 0; i < llen; i++)
		{
			unsigned char c = (unsigned char) t[i];
			char		lc = (char) ((c >= 'A' && c <= 'Z') ? c + 32 : c);

			FUZZ_CHECK(out[i] == lc, "local part of %s is not kept in \"%s\"",
					   fuzz_show(in, size), out);
			FUZZ_CHECK(c != '!' && c != '%', "route character accepted in %s",
					   fuzz_show(in, size));
		}
		FUZZ_CHECK(t[0] != '-', "a local part beginning with \"-\" accepted in %s",
				   fuzz_show(in, size));
		sd = dcv_normalize_domain(at + 1, tlen - llen - 1, false, dom, &wc, &e);
		sds = dcv_normalize_domain_slow(at + 1, tlen - llen - 1, false, dom_slow, &wc, &e);
		FUZZ_CHECK(sd == DCV_OK && sds == DCV_OK,
				   "%s accepted though its domain part is refused (%d/%d)",
				   fuzz_show(in, size), sd, sds);
		FUZZ_CHECK(strcmp(dom, oat + 1) == 0 && strcmp(dom_slow, oat + 1) == 0,
				   "domain of \"%s\" is not the normal form \"%s\" of the domain part of %s",
				   out, dom, fuzz_show(in, size));
	}
	return 0;
}
